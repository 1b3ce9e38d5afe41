-- Neovim as a real client of `ftlkit lsp` (issue 24). Run by tests/nvim/run.sh:
--   FTLKIT_BIN=/abs/ftlkit FTLKIT_ROOT=/copy/of/project nvim --headless -u NONE -i NONE -n -c 'luafile tests/nvim/diagnostic.lua'
-- Works with Debian's neovim 0.7.2: the client is started by the README's
-- editors/nvim/ftlkit.lua (vim.lsp.start_client + buf_attach_client there;
-- vim.lsp.start from 0.8). Opens locales/ar/article.ftl, checks the shipped
-- file gets no error, leaves a placeable open in the Arabic title (in the
-- buffer only, never saved), waits for the server's `syntax-error` and checks
-- where Neovim puts it: Neovim turns the server's UTF-16 columns into byte
-- columns of its buffer, so a wrong encoding lands on the wrong letter. Then
-- restores the line, waits for the error to go, and hovers on the id (the
-- English must show). Exits with :qa! on success, :cq (status 1) on failure,
-- saying why on stderr.

local function out(msg) io.stdout:write(msg .. "\n") end
local function fail(msg)
  io.stderr:write("FAIL: " .. msg .. "\n")
  vim.cmd("cq")
end

local ok, err = pcall(function()
  local bin = os.getenv("FTLKIT_BIN")
  local root = os.getenv("FTLKIT_ROOT")
  if not bin or not root then return fail("FTLKIT_BIN and FTLKIT_ROOT must be set") end
  local path = root .. "/locales/ar/article.ftl"

  -- The README's setup, as a user loads it: editors/nvim/ftlkit.lua starts
  -- the server when a Fluent file of the project is opened.
  vim.g.ftlkit_cmd = bin
  dofile(os.getenv("FTLKIT_REPO") .. "/editors/nvim/ftlkit.lua")
  vim.cmd("edit " .. vim.fn.fnameescape(path))
  local bufnr = vim.api.nvim_get_current_buf()
  if vim.bo[bufnr].filetype ~= "fluent" then return fail("the buffer's filetype is not fluent") end

  local client_id
  vim.wait(10000, function()
    for id, c in pairs(vim.lsp.buf_get_clients(bufnr)) do
      if c.name == "ftlkit" then client_id = id end
    end
    return client_id ~= nil
  end, 50)
  if not client_id then return fail("editors/nvim/ftlkit.lua attached no ftlkit client to " .. path) end

  local function ftlkit_diags()
    local res = {}
    for _, d in ipairs(vim.diagnostic.get(bufnr)) do
      if d.source == "ftlkit" then table.insert(res, d) end
    end
    return res
  end
  local function show(ds)
    local s = {}
    for _, d in ipairs(ds) do
      table.insert(s, ("  %d:%d-%d:%d severity=%s code=%s: %s"):format(
        d.lnum, d.col, d.end_lnum, d.end_col, d.severity, tostring(d.code), d.message))
    end
    return #s > 0 and table.concat(s, "\n") or "  (none)"
  end
  local function wait_for(what, pred)
    local found = vim.wait(10000, function() return pred(ftlkit_diags()) end, 50)
    if not found then
      fail(what .. " within 10 s; ftlkit diagnostics now:\n" .. show(ftlkit_diags()))
      return false
    end
    return true
  end

  -- Attached and initialized: the server must have started.
  if not vim.wait(10000, function()
    local c = vim.lsp.get_client_by_id(client_id)
    return c ~= nil and c.initialized
  end, 50) then
    return fail("the server did not answer initialize within 10 s")
  end

  -- The shipped Arabic is clean. Make a change first so a publish surely
  -- follows (the open may have been published before we look).
  local lines = vim.api.nvim_buf_get_lines(bufnr, 0, -1, false)
  local lnum, original
  for i, l in ipairs(lines) do
    if l:find("^article%-title = ") then lnum, original = i - 1, l end
  end
  if not lnum then return fail("no `article-title =` line in " .. path) end

  -- Leave a placeable open after the first Arabic word: `{ $bogus ` without `}`.
  local prefix = "article-title = "
  local space = original:find(" ", #prefix + 1, true)
  local head = original:sub(1, space) .. "{ $bogus "
  local broken = head .. original:sub(space + 1)
  -- Where the error must be: the first byte after `{ $bogus `, an Arabic letter.
  local want_col = #head
  vim.api.nvim_buf_set_lines(bufnr, lnum, lnum + 1, false, { broken })
  out("broke line " .. lnum .. ": " .. broken)

  if not wait_for("no ftlkit `syntax-error` diagnostic on line " .. lnum, function(ds)
    for _, d in ipairs(ds) do
      if d.code == "syntax-error" and d.lnum == lnum then return true end
    end
    return false
  end) then return end

  local got
  for _, d in ipairs(ftlkit_diags()) do
    if d.code == "syntax-error" and d.lnum == lnum then got = d end
  end
  out("got: " .. show({ got }))
  if got.severity ~= vim.diagnostic.severity.ERROR then
    return fail("syntax-error is not an error: " .. show({ got }))
  end
  if got.col ~= want_col then
    return fail(("syntax-error at byte column %d, want %d (the letter after `{ $bogus `): %q"):format(
      got.col, want_col, broken:sub(got.col + 1, got.col + 8)))
  end
  if vim.bo[bufnr].modified ~= true then return fail("the buffer should be unsaved") end

  -- Fixed back: the error goes.
  vim.api.nvim_buf_set_lines(bufnr, lnum, lnum + 1, false, { original })
  if not wait_for("the syntax-error did not go after the line was restored", function(ds)
    for _, d in ipairs(ds) do
      if d.severity == vim.diagnostic.severity.ERROR then return false end
    end
    return true
  end) then return end
  out("restored: " .. show(ftlkit_diags()))

  -- Hover on the id, as `K` asks it: the English of the message.
  local english
  for _, l in ipairs(vim.fn.readfile(root .. "/locales/en-US/article.ftl")) do
    local v = l:match("^article%-title = (.*)$")
    if v then english = v end
  end
  if not english then return fail("no article-title in locales/en-US/article.ftl") end
  vim.api.nvim_win_set_cursor(0, { lnum + 1, 2 })
  local params = vim.lsp.util.make_position_params()
  local answers = vim.lsp.buf_request_sync(bufnr, "textDocument/hover", params, 5000)
  local answer = answers and answers[client_id]
  if not answer or answer.err or not answer.result then
    return fail("hover on article-title: " .. vim.inspect(answer))
  end
  local shown = table.concat(vim.lsp.util.convert_input_to_markdown_lines(answer.result.contents), "\n")
  if not shown:find(english, 1, true) then
    return fail(("hover on article-title lacks the English %q:\n%s"):format(english, shown))
  end
  out("hover shows the English: " .. english)

  vim.lsp.stop_client(client_id)
  vim.wait(2000, function() return vim.lsp.get_client_by_id(client_id) == nil end, 50)
  out("ok: neovim " .. tostring(vim.version().major) .. "." .. tostring(vim.version().minor) ..
    "." .. tostring(vim.version().patch) .. ": ftlkit's syntax-error at the right place, then the hover")
  vim.cmd("qa!")
end)
if not ok then fail("error in the test script: " .. tostring(err)) end
