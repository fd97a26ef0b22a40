-- Headless Neovim (0.7+) as the LSP client: attach the server to a file of a copy of
-- samples/VibeShop, wait for diagnostics, hover, apply a quick fix, check the buffer.
-- Run by run.sh: nvim --headless -u NONE -c 'luafile test.lua' <file>; server command in READINESS_SERVER_CMD.
local passed, failed = 0, 0
local function out(line) io.stdout:write(line .. '\n') end
local function check(name, ok, detail)
  if ok then
    passed = passed + 1
    out('  ok   ' .. name)
  else
    failed = failed + 1
    out('  FAIL ' .. name .. (detail and (': ' .. tostring(detail)) or ''))
  end
end
local function finish()
  out(string.format('nvim e2e: %d passed, %d failed', passed, failed))
  if failed == 0 then vim.cmd('qa!') else vim.cmd('cquit 1') end
end

local ok, err = pcall(function()
  local buf = vim.api.nvim_get_current_buf()
  local file = vim.api.nvim_buf_get_name(buf)
  local root = vim.fn.fnamemodify(file, ':h')
  local cmd = vim.split(os.getenv('READINESS_SERVER_CMD'), ' ', { trimempty = true })
  local client_id = vim.lsp.start_client({
    name = 'readiness',
    cmd = cmd,
    root_dir = root,
    workspace_folders = { { uri = vim.uri_from_fname(root), name = 'VibeShop' } },
  })
  check('the client starts the server', client_id ~= nil)
  vim.lsp.buf_attach_client(buf, client_id)

  local function readiness_diagnostics()
    return vim.tbl_filter(function(d) return d.source == 'readiness' end, vim.diagnostic.get(buf))
  end
  local got = vim.wait(20000, function()
    for _, d in ipairs(readiness_diagnostics()) do
      if d.code == 'RDY2001' then return true end
    end
    return false
  end, 50)
  check('RDY2001 diagnostics arrive', got)

  local finding
  for _, d in ipairs(readiness_diagnostics()) do
    if d.code == 'RDY2001' then finding = d end
  end
  if not finding then return end
  local line = vim.api.nvim_buf_get_lines(buf, finding.lnum, finding.lnum + 1, false)[1]
  check('the finding covers app.UseDeveloperExceptionPage()',
    line:sub(finding.col + 1, finding.end_col) == 'app.UseDeveloperExceptionPage()', line)

  local position = { line = finding.lnum, character = finding.col }
  local hover = vim.lsp.buf_request_sync(buf, 'textDocument/hover',
    { textDocument = { uri = vim.uri_from_bufnr(buf) }, position = position }, 10000)
  local hover_text = ''
  for _, response in pairs(hover or {}) do
    if response.result and response.result.contents then hover_text = response.result.contents.value or '' end
  end
  check('hover explains the risk', hover_text:find('Anyone who makes your app fail', 1, true) ~= nil, hover_text:sub(1, 80))

  local lsp_diagnostic = finding.user_data and finding.user_data.lsp or {}
  local range = { start = position, ['end'] = { line = finding.end_lnum, character = finding.end_col } }
  local actions = vim.lsp.buf_request_sync(buf, 'textDocument/codeAction', {
    textDocument = { uri = vim.uri_from_bufnr(buf) },
    range = range,
    context = { diagnostics = { vim.tbl_extend('force', lsp_diagnostic, { range = range, message = finding.message, code = finding.code }) } },
  }, 10000)
  local fix
  for _, response in pairs(actions or {}) do
    for _, action in ipairs(response.result or {}) do
      if action.title == 'Only use it in Development' then fix = action end
    end
  end
  check('the quick fix is offered', fix ~= nil)
  if not fix then return end
  vim.lsp.util.apply_workspace_edit(fix.edit, 'utf-16')

  local text = table.concat(vim.api.nvim_buf_get_lines(buf, 0, -1, false), '\n')
  check('the fixed buffer guards the call',
    text:find('if %(app%.Environment%.IsDevelopment%(%)%)%s*{%s*app%.UseDeveloperExceptionPage%(%);%s*}') ~= nil)

  local cleared = vim.wait(10000, function()
    for _, d in ipairs(readiness_diagnostics()) do
      if d.code == 'RDY2001' then return false end
    end
    return true
  end, 50)
  check('the finding is gone after the fix', cleared)

  vim.lsp.stop_client(client_id)
  vim.wait(5000, function() return vim.lsp.get_client_by_id(client_id) == nil end, 50)
end)
if not ok then check('scenario completed', false, err) end
finish()
