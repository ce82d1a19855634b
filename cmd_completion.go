package main

import (
	"os"
	"path/filepath"
	"strings"

	"github.com/spf13/cobra"

	"github.com/vitals-dev/vitals/internal/printable"
	"github.com/vitals-dev/vitals/questions"
)

// Shell completion is cobra's: `vitals completion bash` prints a script
// that calls `vitals __complete …` for every TAB, so rubric ids come from
// the same catalog the command would load. File names are listed here, not
// by the shell, so that the same filter (answers files, YAML files)
// applies in every shell and bash needs no bash-completion package.

// completeRubric completes --rubric of assess: the ids of the rubrics
// available (built-in, the user's, and those of --rubrics on the same
// line), then YAML files.
func completeRubric(cmd *cobra.Command, _ []string, toComplete string) ([]cobra.Completion, cobra.ShellCompDirective) {
	var extra []string
	if cmd != nil {
		extra, _ = cmd.Flags().GetStringArray("rubrics")
	}
	var out []cobra.Completion
	// A catalog with broken user files still lists the rubrics that loaded.
	if c, _ := catalog(extra); c != nil {
		for _, r := range c.Rubrics {
			if strings.HasPrefix(r.ID, toComplete) {
				out = append(out, cobra.CompletionWithDesc(r.ID, printable.Line(r.Title)))
			}
		}
	}
	files, directive := completeRubricFiles(nil, nil, toComplete)
	return append(out, files...), directive
}

// builtinIDCompletions are the built-in rubric ids starting with prefix,
// with their titles.
func builtinIDCompletions(prefix string) []cobra.Completion {
	var out []cobra.Completion
	for _, id := range questions.BuiltinIDs() {
		if !strings.HasPrefix(id, prefix) {
			continue
		}
		title := ""
		if r, err := questions.Find(id); err == nil && r != nil {
			title = printable.Line(r.Title)
		}
		out = append(out, cobra.CompletionWithDesc(id, title))
	}
	return out
}

// completeAnswersFiles completes answers files, and folders to look in.
// The files assess saves end in .answers.yaml; where there is none, other
// YAML files are offered, since an answers file may have any name.
func completeAnswersFiles(_ *cobra.Command, _ []string, toComplete string) ([]cobra.Completion, cobra.ShellCompDirective) {
	out, directive := completeFiles("answers.yaml")(nil, nil, toComplete)
	for _, c := range out {
		if !strings.HasSuffix(c, "/") {
			return out, directive
		}
	}
	return completeFiles(".yaml", ".yml")(nil, nil, toComplete)
}

// completeFolders completes folder names only.
func completeFolders(_ *cobra.Command, _ []string, toComplete string) ([]cobra.Completion, cobra.ShellCompDirective) {
	return completeFiles()(nil, nil, toComplete)
}

// completeFiles completes the files whose names end in one of exts, and
// folders (with a trailing /, and no space after them so that TAB goes on
// inside). With no exts, only folders. Hidden entries appear only when
// asked for with a leading dot.
func completeFiles(exts ...string) cobra.CompletionFunc {
	return completeMatching(func(name string) bool { return hasAnySuffix(name, exts) })
}

// completeRubricFiles completes YAML files that are not answers files,
// and folders.
var completeRubricFiles = completeMatching(func(name string) bool {
	return hasAnySuffix(name, []string{".yaml", ".yml"}) && !strings.HasSuffix(name, "answers.yaml")
})

// completeMatching completes the files for which keep is true, and
// folders.
func completeMatching(keep func(name string) bool) cobra.CompletionFunc {
	return func(_ *cobra.Command, _ []string, toComplete string) ([]cobra.Completion, cobra.ShellCompDirective) {
		dir, base := filepath.Split(toComplete)
		entries, err := os.ReadDir(cmpOr(dir, "."))
		if err != nil {
			return nil, cobra.ShellCompDirectiveNoFileComp
		}
		var out []cobra.Completion
		folders := false
		for _, ent := range entries {
			name := ent.Name()
			if !strings.HasPrefix(name, base) || (strings.HasPrefix(name, ".") && !strings.HasPrefix(base, ".")) {
				continue
			}
			isDir := ent.IsDir()
			if ent.Type()&os.ModeSymlink != 0 {
				if fi, err := os.Stat(filepath.Join(cmpOr(dir, "."), name)); err == nil {
					isDir = fi.IsDir()
				}
			}
			switch {
			case isDir:
				out = append(out, dir+name+"/")
				folders = true
			case keep(name):
				out = append(out, dir+name)
			}
		}
		directive := cobra.ShellCompDirectiveNoFileComp
		if folders {
			directive |= cobra.ShellCompDirectiveNoSpace
		}
		return out, directive
	}
}

func hasAnySuffix(s string, suffixes []string) bool {
	for _, suf := range suffixes {
		if strings.HasSuffix(s, suf) {
			return true
		}
	}
	return false
}

func cmpOr(s, def string) string {
	if s == "" {
		return def
	}
	return s
}

// setUpCompletionCmd words cobra's completion command for vitals, and
// makes a mistyped shell a usage error with suggestions.
func setUpCompletionCmd(root *cobra.Command) {
	for _, c := range root.Commands() {
		if c.Name() != "completion" {
			continue
		}
		c.Use = "completion SHELL"
		c.Short = "print shell completions: bash, zsh, fish or powershell"
		c.Long = `Print the completion script for bash, zsh, fish or powershell. Completion
covers commands, flags, rubric ids (built-in and yours) and answers files.

  source <(vitals completion bash)                 # bash, this shell
  vitals completion bash > /etc/bash_completion.d/vitals
  vitals completion zsh > "${fpath[1]}/_vitals"    # zsh
  vitals completion fish > ~/.config/fish/completions/vitals.fish
  vitals completion powershell | Out-String | Invoke-Expression

'vitals completion SHELL --help' says more for each shell.`
		c.Args = func(cmd *cobra.Command, args []string) error {
			if len(args) > 0 {
				return unknownCommand(cmd, args[0])
			}
			return nil
		}
		c.RunE = func(cmd *cobra.Command, _ []string) error {
			return usageError{cmd: cmd.CommandPath(), msg: "completion: name the shell: bash, zsh, fish or powershell"}
		}
	}
}
