pantau_add_tool(normalize)
