package main

import (
	"fmt"
	"runtime"
	"runtime/debug"
	"strings"
	"sync"

	"github.com/spf13/cobra"
)

// Set by release builds with -ldflags "-X main.version=v1.2.3 -X
// main.commit=… -X main.date=…" (see .goreleaser.yaml). Other builds take
// what the Go toolchain records in the binary.
var (
	version = ""
	commit  = ""
	date    = ""
)

// buildInfo is what `vitals version` prints.
type buildInfo struct {
	Version   string // v1.2.3, a pseudo-version from a clone, or "dev"
	Commit    string // the VCS revision, "" when unknown
	Dirty     bool   // built from a clone with uncommitted changes
	Date      string // the build date of a release; else the commit's date
	DateIsVCS bool   // Date is the commit's, not the build's
	GoVersion string // go1.26.8 linux/amd64
}

// readBuildInfo is the build information of this binary, read once: the
// root command and a report's footer both want it.
var readBuildInfo = sync.OnceValue(func() buildInfo {
	bi, _ := debug.ReadBuildInfo()
	return resolveBuildInfo(version, commit, date, bi)
})

// resolveBuildInfo prefers what a release build was given with -ldflags,
// then what the toolchain recorded: the module version of `go install
// …@v1.2.3`, the VCS revision, time and modified flag of a build from a
// clone (Go 1.24 also derives a pseudo-version from them, ending in +dirty
// for uncommitted changes).
func resolveBuildInfo(ldVersion, ldCommit, ldDate string, bi *debug.BuildInfo) buildInfo {
	info := buildInfo{Version: ldVersion, Commit: ldCommit, Date: ldDate, GoVersion: runtime.Version() + " " + runtime.GOOS + "/" + runtime.GOARCH}
	if bi == nil {
		if info.Version == "" {
			info.Version = "dev"
		}
		return info
	}
	info.GoVersion = bi.GoVersion + " " + runtime.GOOS + "/" + runtime.GOARCH
	if info.Version == "" && bi.Main.Version != "" && bi.Main.Version != "(devel)" {
		info.Version = bi.Main.Version
	}
	var vcsTime string
	for _, s := range bi.Settings {
		switch s.Key {
		case "vcs.revision":
			if info.Commit == "" {
				info.Commit = s.Value
			}
		case "vcs.time":
			vcsTime = s.Value
		case "vcs.modified":
			info.Dirty = s.Value == "true" && ldCommit == ""
		}
	}
	if info.Version == "" {
		info.Version = "dev"
	}
	if info.Date == "" && vcsTime != "" {
		info.Date, info.DateIsVCS = vcsTime, true
	}
	return info
}

// short is the one line of --version: "vitals v1.2.3", with the commit for
// a build that has no version of its own.
func (b buildInfo) short() string {
	s := "vitals " + b.Version
	if b.Version == "dev" && b.Commit != "" {
		s += " (" + shortCommit(b.Commit)
		if b.Dirty {
			s += ", dirty"
		}
		s += ")"
	}
	return s
}

// long is what `vitals version` prints.
func (b buildInfo) long() string {
	var sb strings.Builder
	fmt.Fprintf(&sb, "vitals %s\n", b.Version)
	c := b.Commit
	switch {
	case c == "":
		c = "unknown"
	case b.Dirty:
		c += " (with uncommitted changes)"
	}
	fmt.Fprintf(&sb, "commit:  %s\n", c)
	d := b.Date
	switch {
	case d == "":
		d = "unknown"
	case b.DateIsVCS:
		d = "unknown (commit of " + d + ")"
	}
	fmt.Fprintf(&sb, "built:   %s\n", d)
	fmt.Fprintf(&sb, "go:      %s\n", b.GoVersion)
	return sb.String()
}

func shortCommit(c string) string {
	if len(c) > 12 {
		return c[:12]
	}
	return c
}

// versionString is the version reports name in their footer.
func versionString() string { return readBuildInfo().Version }

type versionOptions struct{}

func newVersionCmd(e *env) *cobra.Command {
	opts := &versionOptions{}
	return &cobra.Command{
		Use:   "version",
		Short: "print the version, commit, build date and Go version",
		Long: `Print the version of vitals, the commit it was built from (marked when the
build had uncommitted changes), its build date and the Go version.
'vitals --version' prints the version alone, on one line.`,
		Args:              noArgs,
		ValidArgsFunction: cobra.NoFileCompletions,
		RunE:              func(*cobra.Command, []string) error { return runVersion(e, opts) },
	}
}

func runVersion(e *env, _ *versionOptions) error {
	_, err := fmt.Fprint(e.stdout, readBuildInfo().long())
	return err
}
