# fish completion for pantau (the front).
set -l tools fetch-accounts normalize classify report help
complete -c pantau -f
complete -c pantau -n "not __fish_seen_subcommand_from $tools" -a fetch-accounts -d 'collect new posts of registered accounts'
complete -c pantau -n "not __fish_seen_subcommand_from $tools" -a normalize -d 'map raw platform data to post records'
complete -c pantau -n "not __fish_seen_subcommand_from $tools" -a classify -d 'label posts with suspected violations'
complete -c pantau -n "not __fish_seen_subcommand_from $tools" -a report -d 'aggregate classified posts into reports'
complete -c pantau -n "not __fish_seen_subcommand_from $tools" -a help -d 'show the help of a tool'
complete -c pantau -n "not __fish_seen_subcommand_from $tools" -l help -d 'list the tools'
complete -c pantau -n "not __fish_seen_subcommand_from $tools" -l version -d 'print the version'
complete -c pantau -n "__fish_seen_subcommand_from help" -a "fetch-accounts normalize classify report"
