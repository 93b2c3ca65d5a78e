pantau_add_tool(report)
