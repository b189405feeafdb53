-- A real editor against `policyc lsp`: Neovim (headless) loads editors/nvim/lua/policyc.lua,
-- opens a policy, makes an edit that introduces a typo, and checks the diagnostic that
-- comes back, a hover, a definition jump into the imported file, and a formatting edit that
-- gives the text `policyc fmt` gives. Run by tests/lsp/CMakeLists.txt:
--
--   POLICYC=... POLICYC_EDITORS=... POLICYC_FIXTURE=... nvim --headless -u NONE \
--     -c 'luafile tests/lsp/nvim_test.lua'
--
-- Exits 0 when every check passed, 1 otherwise (with the reason on standard error).
local timeout = 15000

local function fail(message)
  io.stderr:write('FAIL: ' .. message .. '\n')
  vim.cmd('cquit 1')
end

local function check(condition, message)
  if not condition then
    error(message, 2)
  end
end

local function run()
  local policyc = assert(os.getenv('POLICYC'), 'POLICYC is not set')
  local editors = assert(os.getenv('POLICYC_EDITORS'), 'POLICYC_EDITORS is not set')
  local fixture = assert(os.getenv('POLICYC_FIXTURE'), 'POLICYC_FIXTURE is not set')
  package.path = editors .. '/nvim/lua/?.lua;' .. package.path

  local published = {} -- versions of the diagnostics received
  require('policyc').setup({
    cmd = { policyc, 'lsp' },
    root_markers = { 'main.policy' },
    handlers = {
      ['textDocument/publishDiagnostics'] = function(err, result, ctx, config)
        table.insert(published, result.version or -1)
        return vim.lsp.diagnostic.on_publish_diagnostics(err, result, ctx, config)
      end,
    },
  })
  vim.cmd('filetype on')
  vim.cmd('edit ' .. fixture .. '/main.policy')
  local bufnr = vim.api.nvim_get_current_buf()
  check(vim.bo[bufnr].filetype == 'policy', 'filetype detection: got ' .. vim.bo[bufnr].filetype)

  local client
  check(vim.wait(timeout, function()
    client = vim.lsp.buf_get_clients(bufnr)[next(vim.lsp.buf_get_clients(bufnr)) or 0]
    return client ~= nil and client.initialized and #published > 0
  end, 20), 'the server did not start and publish diagnostics')
  check(#vim.diagnostic.get(bufnr) == 0, 'the policy is clean at first')

  local capabilities = client.server_capabilities or client.resolved_capabilities
  check(capabilities.documentFormattingProvider or capabilities.document_formatting,
    'formatting is advertised')

  -- The edit: `contact.email` -> `contact.emial` on line 3, as a user types it.
  local line = vim.api.nvim_buf_get_lines(bufnr, 2, 3, true)[1]
  local column = assert(line:find('email', 1, true), 'line 3 names contact.email') - 1
  vim.api.nvim_buf_set_text(bufnr, 2, column, 2, column + 5, { 'emial' })
  local diagnostics
  check(vim.wait(timeout, function()
    diagnostics = vim.diagnostic.get(bufnr)
    return #diagnostics > 0
  end, 20), 'no diagnostic after the typo')
  check(#diagnostics == 1, 'one diagnostic, got ' .. #diagnostics)
  local d = diagnostics[1]
  check(d.message == "category 'contact' has no member 'emial'; did you mean 'email'?",
    'message: ' .. d.message)
  check(d.severity == vim.diagnostic.severity.ERROR, 'severity')
  check(d.lnum == 2 and d.col == column and d.end_col == column + 5,
    string.format('range %d:%d-%d', d.lnum, d.col, d.end_col))
  check(d.source == 'policyc', 'source')
  local code = d.code or (d.user_data and d.user_data.lsp and d.user_data.lsp.code)
  check(code == '-Wundeclared', 'code: ' .. tostring(code))

  -- A hover on `email` in the disclose statement of line 4.
  local uri = vim.uri_from_bufnr(bufnr)
  local hover_line = vim.api.nvim_buf_get_lines(bufnr, 3, 4, true)[1]
  local hover_column = hover_line:find('email', 1, true)
  local response = client.request_sync('textDocument/hover', {
    textDocument = { uri = uri },
    position = { line = 3, character = hover_column },
  }, timeout, bufnr)
  check(response and response.result, 'hover: ' .. vim.inspect(response))
  local text = response.result.contents.value
  check(text:find('e-mail address', 1, true), 'hover text: ' .. text)
  check(text:find('sensitive` (inherited)', 1, true), 'hover attributes: ' .. text)

  -- A definition jump from `newsletter` on line 4 into the imported vocabulary.
  local target_column = hover_line:find('newsletter', 1, true)
  vim.api.nvim_win_set_cursor(0, { 4, target_column })
  vim.lsp.buf.definition()
  check(vim.wait(timeout, function()
    return vim.api.nvim_buf_get_name(0):match('vocabulary%.policy$') ~= nil
  end, 20), 'definition did not jump to vocabulary.policy')
  local cursor = vim.api.nvim_win_get_cursor(0)
  local declared = vim.api.nvim_buf_get_lines(0, cursor[1] - 1, cursor[1], true)[1]
  check(cursor[1] == 6 and declared:sub(cursor[2] + 1, cursor[2] + 10) == 'newsletter',
    string.format('cursor at %d:%d on %q', cursor[1], cursor[2], declared))

  -- Formatting: back in main.policy, lay line 5 out badly, then format through the server.
  vim.api.nvim_set_current_buf(bufnr)
  local plain = vim.api.nvim_buf_get_lines(bufnr, 4, 5, true)[1]
  local before = #published
  vim.api.nvim_buf_set_lines(bufnr, 4, 5, true, { '   ' .. plain:gsub(' ', '    ') })
  -- Neovim sends changes debounced: wait until the server has analysed the new text (it
  -- publishes diagnostics for every version), so that it formats what the buffer holds.
  check(vim.wait(timeout, function() return #published > before end, 20),
    'no diagnostics for the badly laid-out edit')
  local messy = table.concat(vim.api.nvim_buf_get_lines(bufnr, 0, -1, true), '\n') .. '\n'
  local expected = vim.fn.system({ policyc, 'fmt', '-' }, messy)
  check(vim.v.shell_error == 0, 'policyc fmt - failed: ' .. expected)
  check(expected ~= messy, 'the edit changed the layout')
  vim.lsp.buf.formatting_sync(nil, timeout)
  local formatted = table.concat(vim.api.nvim_buf_get_lines(bufnr, 0, -1, true), '\n') .. '\n'
  check(formatted == expected, 'formatted buffer:\n' .. formatted .. '\nexpected:\n' .. expected)

  vim.lsp.stop_client(client.id)
  vim.wait(timeout, function() return client.is_stopped() end, 20)
end

local ok, message = pcall(run)
if not ok then
  fail(tostring(message))
else
  io.stdout:write('PASS: diagnostics, hover, definition and formatting through Neovim ' ..
    tostring(vim.version().major) .. '.' .. tostring(vim.version().minor) .. '\n')
  vim.cmd('qall!')
end
