# bash completion for mailflow (installed as /usr/share/bash-completion/completions/mailflow).
# The commands and each command's options are read from the program's own --help, so they never
# go stale; options that take a value complete nothing (a date, a number) or a file (--html, --page).
_mailflow() {
  local cur=${COMP_WORDS[COMP_CWORD]} prev=${COMP_WORDS[COMP_CWORD-1]}
  local program=${COMP_WORDS[0]}
  if [ "$COMP_CWORD" -eq 1 ]; then
    local commands
    commands=$("$program" --help 2>/dev/null | sed -n '/^Commands:/,/^$/s/^  \([a-z][a-z]*\) .*/\1/p')
    COMPREPLY=($(compgen -W "$commands --help --version" -- "$cur"))
    return
  fi
  case $prev in
    --html|--page)
      COMPREPLY=($(compgen -f -X '!*.html' -- "$cur") $(compgen -d -- "$cur"))
      return ;;
    --lang)
      COMPREPLY=($(compgen -W "de en" -- "$cur"))
      return ;;
    --days|--from|--to|--connector|--utc-offset|--year|--threads)
      COMPREPLY=()
      return ;;
  esac
  if [[ $cur == -* ]]; then
    local options
    options=$("$program" "${COMP_WORDS[1]}" --help 2>/dev/null | grep -o -- '--[a-z][a-z-]*' | sort -u)
    COMPREPLY=($(compgen -W "$options" -- "$cur"))
    return
  fi
  COMPREPLY=($(compgen -f -- "$cur"))
}
complete -o filenames -F _mailflow mailflow
