package main

import (
	"fmt"

	"github.com/urfave/cli/v2"
)

// bashCompletion asks newsgraph itself for the words that may come next
// (urfave/cli answers --generate-bash-completion with them).
const bashCompletion = `# newsgraph completion for bash: source <(newsgraph completion bash)
_newsgraph_complete() {
  local cur words
  cur="${COMP_WORDS[COMP_CWORD]}"
  if [[ "$cur" == -* ]]; then
    words=$("${COMP_WORDS[@]:0:$COMP_CWORD}" "$cur" --generate-bash-completion 2>/dev/null)
  else
    words=$("${COMP_WORDS[@]:0:$COMP_CWORD}" --generate-bash-completion 2>/dev/null)
  fi
  COMPREPLY=($(compgen -W "$words" -- "$cur"))
  [ ${#COMPREPLY[@]} -eq 0 ] && COMPREPLY=($(compgen -f -- "$cur"))
  return 0
}
complete -o default -F _newsgraph_complete newsgraph
`

func completionCommand(e *env) *cli.Command {
	return &cli.Command{
		Name:      "completion",
		Usage:     "print a shell completion script (bash)",
		ArgsUsage: "bash",
		Description: "Completes commands and flags in bash:\n" +
			"  source <(newsgraph completion bash)",
		Action: func(c *cli.Context) error {
			if sh := c.Args().First(); sh != "bash" || c.NArg() != 1 {
				return usageError{fmt.Errorf("completion: want one shell, bash (not %q)", sh)}
			}
			_, err := fmt.Fprint(e.stdout, bashCompletion)
			return err
		},
	}
}
