pantau_add_tool(report pantau::report)
