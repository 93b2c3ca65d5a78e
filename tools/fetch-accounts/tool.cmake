pantau_add_tool(fetch-accounts pantau::fetch pantau::records)
