-- ftlkit's language server (`ftlkit lsp`) for Neovim: Fluent files and the
-- Markdown under content/, in a folder with ftlkit.toml or l10n.toml (or one
-- above). Load it from init.lua:  dofile("/path/to/ftlkit/editors/nvim/ftlkit.lua")
-- Works with Neovim 0.7 (vim.lsp.start_client) and later (vim.lsp.start).
-- Set vim.g.ftlkit_cmd to the binary's path if `ftlkit` is not on PATH.

local function project_root(path)
  local dir = vim.fn.fnamemodify(path, ":p:h")
  for _, marker in ipairs({ "ftlkit.toml", "l10n.toml" }) do
    local found = vim.fn.findfile(marker, dir .. ";")
    if found ~= "" then
      return vim.fn.fnamemodify(found, ":p:h")
    end
  end
end

local clients = {}

vim.api.nvim_create_autocmd({ "BufReadPost", "BufNewFile" }, {
  pattern = { "*.ftl", "*.md" },
  callback = function(args)
    local root = project_root(vim.api.nvim_buf_get_name(args.buf))
    if not root then
      return
    end
    if vim.bo[args.buf].filetype == "" then
      vim.bo[args.buf].filetype = "fluent"
    end
    local config = { name = "ftlkit", cmd = { vim.g.ftlkit_cmd or "ftlkit", "lsp" }, root_dir = root }
    if vim.lsp.start then
      vim.lsp.start(config, { bufnr = args.buf })
      return
    end
    -- Neovim 0.7: one client per project, attached to each of its buffers.
    local id = clients[root]
    if not id or not vim.lsp.get_client_by_id(id) then
      id = vim.lsp.start_client(config)
      clients[root] = id
    end
    if id then
      vim.lsp.buf_attach_client(args.buf, id)
    end
  end,
})
