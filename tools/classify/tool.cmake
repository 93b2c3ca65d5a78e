pantau_add_tool(classify)
