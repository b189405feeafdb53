-- Neovim setup for policyc (docs/lsp.md): `.policy` files get the filetype `policy`, and
-- every buffer of that filetype is attached to a `policyc lsp` server, one per project root.
-- Works with Neovim 0.7 (vim.lsp.start_client) and later.
--
--   require('policyc').setup({ cmd = { 'policyc', 'lsp' } })
--
-- Options: cmd (the server command), root_markers (files or folders that mark a project
-- root; default .git), on_attach(client, bufnr), handlers, capabilities, init_options
-- (e.g. { profiles = { 'gdpr' } }).
local M = {}

local clients = {} -- root folder -> client id

local function root_of(path, markers)
  local folder = vim.fn.fnamemodify(path, ':p:h')
  local dir = folder
  while dir do
    for _, marker in ipairs(markers) do
      if vim.loop.fs_stat(dir .. '/' .. marker) then
        return dir
      end
    end
    local parent = vim.fn.fnamemodify(dir, ':h')
    if parent == dir then
      break
    end
    dir = parent
  end
  return folder
end

function M.attach(bufnr, opts)
  local path = vim.api.nvim_buf_get_name(bufnr)
  local root = root_of(path ~= '' and path or vim.fn.getcwd(), opts.root_markers or { '.git' })
  local id = clients[root]
  if not id or not vim.lsp.get_client_by_id(id) then
    id = vim.lsp.start_client({
      name = 'policyc',
      cmd = opts.cmd or { 'policyc', 'lsp' },
      root_dir = root,
      handlers = opts.handlers,
      capabilities = opts.capabilities,
      init_options = opts.init_options,
      on_attach = opts.on_attach,
    })
    clients[root] = id
  end
  if id then
    vim.lsp.buf_attach_client(bufnr, id)
  end
  return id
end

function M.setup(opts)
  opts = opts or {}
  local group = vim.api.nvim_create_augroup('policyc', { clear = true })
  -- Filetype detection that works whether filetype.vim or filetype.lua is in use.
  if vim.filetype and vim.filetype.add then
    vim.filetype.add({ extension = { policy = 'policy' } })
  end
  vim.api.nvim_create_autocmd({ 'BufRead', 'BufNewFile' }, {
    group = group,
    pattern = '*.policy',
    command = 'setfiletype policy',
  })
  vim.api.nvim_create_autocmd('FileType', {
    group = group,
    pattern = 'policy',
    callback = function(args)
      vim.bo[args.buf].commentstring = '// %s'
      M.attach(args.buf, opts)
    end,
  })
end

return M
