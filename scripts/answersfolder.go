//go:build ignore

// Answersfolder fills a folder with answers files for the first-frame
// benchmark in BENCHMARKS.md: N files of the built-in five-warning-signs
// rubric, every question answered (reports/testdata/fws-healthy.yaml),
// spread over 50 projects ("Project 0" to "Project 49"), a third of them
// unfinished, named x-NNNN.answers.yaml.
//
//	go run scripts/answersfolder.go [-n 1000] /tmp/ffm
package main

import (
	"flag"
	"fmt"
	"log"
	"os"
	"path/filepath"
	"time"

	"github.com/vitals-dev/vitals/assessment"
	"github.com/vitals-dev/vitals/questions"
)

func main() {
	n := flag.Int("n", 1000, "number of answers files")
	projects := flag.Int("projects", 50, "number of projects")
	flag.Parse()
	if flag.NArg() != 1 {
		log.Fatal("usage: go run scripts/answersfolder.go [-n N] [-projects P] FOLDER")
	}
	dir := flag.Arg(0)
	r, err := questions.Builtin("five-warning-signs")
	if err != nil {
		log.Fatal(err)
	}
	f, err := assessment.LoadFile("reports/testdata/fws-healthy.yaml")
	if err != nil {
		log.Fatal(err)
	}
	a, _, err := f.Check(r)
	if err != nil {
		log.Fatal(err)
	}
	if err := os.MkdirAll(dir, 0o755); err != nil {
		log.Fatal(err)
	}
	start := time.Date(2026, 3, 2, 9, 0, 0, 0, time.UTC)
	for i := range *n {
		a.Project = fmt.Sprintf("Project %d", i%*projects)
		a.Complete = i%3 != 0
		a.Updated = start.Add(time.Duration(i) * time.Hour)
		path := filepath.Join(dir, fmt.Sprintf("x-%04d.answers.yaml", i))
		if err := os.WriteFile(path, a.Marshal(r), 0o644); err != nil {
			log.Fatal(err)
		}
	}
}
