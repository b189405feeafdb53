// Starts `policyc lsp` for .policy files through vscode-languageclient (a dependency that
// packaging installs and bundles into the .vsix; docs/lsp.md).
'use strict';

const vscode = require('vscode');
const { LanguageClient, TransportKind } = require('vscode-languageclient/node');

let client;

function activate(context) {
  const config = vscode.workspace.getConfiguration('policyc');
  const command = config.get('path', 'policyc');
  const args = ['lsp', ...config.get('arguments', [])];
  const serverOptions = {
    run: { command, args, transport: TransportKind.stdio },
    debug: { command, args: [...args, '--log'], transport: TransportKind.stdio },
  };
  const clientOptions = {
    documentSelector: [
      { scheme: 'file', language: 'policy' },
      { scheme: 'untitled', language: 'policy' },
    ],
    synchronize: {
      // Imported files that are not open are read from disk: tell the server when they change.
      fileEvents: vscode.workspace.createFileSystemWatcher('**/*.policy'),
    },
  };
  client = new LanguageClient('policyc', 'policyc', serverOptions, clientOptions);
  context.subscriptions.push({ dispose: () => client && client.stop() });
  return client.start();
}

function deactivate() {
  return client ? client.stop() : undefined;
}

module.exports = { activate, deactivate };
