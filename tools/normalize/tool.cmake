pantau_add_tool(normalize pantau::normalize)
