pantau_add_tool(classify pantau::classify)
# The source tree's rules/, the last place the program looks for a rule pack (after --rules,
# $PANTAU_RULES and the installed share/pantau/rules), so a build tree works without installing.
target_compile_definitions(pantau-classify PRIVATE
  PANTAU_SOURCE_RULES_DIR="${PROJECT_SOURCE_DIR}/rules")
