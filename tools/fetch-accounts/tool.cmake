pantau_add_tool(fetch-accounts)
