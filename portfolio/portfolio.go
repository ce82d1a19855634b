// Package portfolio is the PMO's view across projects: the latest run of
// every project, one row each, worst first, with the risks that many
// projects share. It reads no files: the caller finds and scores the runs.
package portfolio

import (
	"cmp"
	"slices"
	"strings"
	"time"

	"go.yaml.in/yaml/v4"

	"github.com/vitals-dev/vitals/assessment"
	"github.com/vitals-dev/vitals/internal/printable"
	"github.com/vitals-dev/vitals/internal/yamlfile"
	"github.com/vitals-dev/vitals/questions"
	"github.com/vitals-dev/vitals/reports"
)

// Entry is one project as found: its latest finished run, scored, and the
// one before it.
type Entry struct {
	Project, Key, Rubric string
	// Source is the latest run's file (a workshop's: its folder).
	Source      string
	Date        time.Time
	Respondents int
	// Result is nil when no run was finished (Unfinished names the file).
	Result     *assessment.Result
	Previous   *assessment.Result
	Unfinished string
	// Split is, for a workshop, the number of questions the room split on
	// (low consensus); 0 otherwise.
	Split int
}

// Expected is a project the PMO expects to see assessed, from the
// projects file.
type Expected struct {
	ID, Name string
}

// Status of a row.
const (
	Assessed   = "assessed"
	Unfinished = "unfinished" // runs started, none finished
	Unassessed = "unassessed" // in the projects file, no answers file
)

// Row is one project in the portfolio.
type Row struct {
	Project, Key, Rubric string
	// Label is the name shown: the project's, with its id when another
	// project has the same name.
	Label       string
	Status      string
	Source      string
	Date        time.Time
	AgeDays     int
	Stale       bool
	Respondents int
	Risk        questions.Risk
	Score       float64
	Scored      bool
	Signs       []Cell
	// Split is the number of questions a workshop's room split on.
	Split int
	// Trend is the overall change since the run before: better, same,
	// worse, or "" without one.
	Trend  string
	Change float64
}

// Cell is one sign of one project.
type Cell struct {
	ID     string
	Title  string
	Risk   questions.Risk
	Score  float64
	Scored bool
}

// Sign is a sign's column: its id and title in one rubric.
type Sign struct {
	ID, Title string
	Rubric    string
}

// Systemic is one sign across the portfolio: the projects at high and at
// medium risk on it, by their rows' Label and project ids.
type Systemic struct {
	Sign
	High, Medium       []string
	HighIDs, MediumIDs []string
	// Of is the number of projects with the sign scored.
	Of int
}

// Portfolio is the roll-up.
type Portfolio struct {
	Now    time.Time
	MaxAge int
	Rows   []Row
	// Signs are the columns: every rubric's signs, in rubric order, the
	// rubrics by id.
	Signs    []Sign
	Systemic []Systemic
	// LeftOut are the answers files that could not be read, each with its
	// problem: the portfolio says so, since a project may be missing.
	LeftOut []string
}

// Build makes the portfolio of the entries at time now; expected adds the
// projects never assessed; maxAge is the age in days past which a run is
// stale.
func Build(entries []Entry, expected []Expected, now time.Time, maxAge int) *Portfolio {
	p := &Portfolio{Now: now, MaxAge: maxAge}
	seen := map[string]bool{}
	rubrics := map[string]*questions.Rubric{}
	for _, e := range entries {
		seen[e.Key] = true
		seen[assessment.ProjectSlug(e.Project)] = true
		row := Row{Project: e.Project, Key: e.Key, Rubric: e.Rubric, Source: e.Source, Respondents: e.Respondents, Split: e.Split, AgeDays: -1}
		if e.Result == nil {
			row.Status, row.Source = Unfinished, e.Unfinished
			p.Rows = append(p.Rows, row)
			continue
		}
		row.Status = Assessed
		row.Date = e.Date
		row.AgeDays = max(0, int(now.Sub(e.Date).Hours()/24))
		row.Stale = row.AgeDays > maxAge
		res := e.Result
		rubrics[e.Rubric] = res.Rubric
		row.Risk, row.Score, row.Scored = res.Risk, res.Score, res.Scored
		for _, sr := range res.Sections {
			row.Signs = append(row.Signs, Cell{ID: sr.Section.ID, Title: reports.SectionName(res.Rubric, sr.Section), Risk: sr.Risk, Score: sr.Score, Scored: sr.Scored})
		}
		if e.Previous != nil {
			row.Trend, row.Change = trend(e.Previous, res)
		}
		p.Rows = append(p.Rows, row)
	}
	for _, x := range expected {
		if seen[x.ID] || (x.Name != "" && seen[assessment.ProjectSlug(x.Name)]) {
			continue
		}
		name := x.Name
		if name == "" {
			name = x.ID
		}
		p.Rows = append(p.Rows, Row{Project: name, Key: x.ID, Status: Unassessed, AgeDays: -1})
	}
	slices.SortStableFunc(p.Rows, worstFirst)
	// Two projects of one name (a CRM per region) are told apart by id.
	names := map[string]int{}
	for _, r := range p.Rows {
		names[strings.ToLower(strings.TrimSpace(r.Project))]++
	}
	for i := range p.Rows {
		r := &p.Rows[i]
		r.Label = r.Project
		if names[strings.ToLower(strings.TrimSpace(r.Project))] > 1 {
			r.Label = r.Project + " (" + r.Key + ")"
		}
	}

	ids := make([]string, 0, len(rubrics))
	for id := range rubrics {
		ids = append(ids, id)
	}
	slices.Sort(ids)
	for _, id := range ids {
		r := rubrics[id]
		for _, s := range r.Sections {
			sign := Sign{ID: s.ID, Title: reports.SectionName(r, s), Rubric: id}
			p.Signs = append(p.Signs, sign)
			sys := Systemic{Sign: sign}
			for _, row := range p.Rows {
				if row.Rubric != id {
					continue
				}
				for _, c := range row.Signs {
					if c.ID != s.ID || c.Risk == questions.RiskNone {
						continue
					}
					sys.Of++
					switch c.Risk {
					case questions.RiskHigh:
						sys.High, sys.HighIDs = append(sys.High, row.Label), append(sys.HighIDs, row.Key)
					case questions.RiskMedium:
						sys.Medium, sys.MediumIDs = append(sys.Medium, row.Label), append(sys.MediumIDs, row.Key)
					}
				}
			}
			p.Systemic = append(p.Systemic, sys)
		}
	}
	// The most shared risk first.
	slices.SortStableFunc(p.Systemic, func(x, y Systemic) int {
		return cmp.Or(cmp.Compare(len(y.High), len(x.High)), cmp.Compare(len(y.High)+len(y.Medium), len(x.High)+len(x.Medium)))
	})
	return p
}

// worstFirst orders rows: the worst overall band first (high, unknown,
// medium, low), then the most signs at high risk, the lowest score, the
// stalest; then unfinished and never assessed projects; by name last.
func worstFirst(x, y Row) int {
	status := func(r Row) int {
		switch r.Status {
		case Assessed:
			return 0
		case Unfinished:
			return 1
		}
		return 2
	}
	highs := func(r Row) int {
		n := 0
		for _, c := range r.Signs {
			if c.Risk == questions.RiskHigh {
				n++
			}
		}
		return n
	}
	return cmp.Or(
		cmp.Compare(status(x), status(y)),
		cmp.Compare(y.Risk.Rank(), x.Risk.Rank()),
		cmp.Compare(highs(y), highs(x)),
		cmp.Compare(x.Score, y.Score),
		cmp.Compare(y.AgeDays, x.AgeDays),
		strings.Compare(strings.ToLower(x.Project), strings.ToLower(y.Project)),
		strings.Compare(x.Key, y.Key),
		strings.Compare(x.Rubric, y.Rubric),
	)
}

// trend is the overall change from prev to cur, by the rule of the
// report's "Since last time" (reports.Direction).
func trend(prev, cur *assessment.Result) (string, float64) {
	if !prev.Scored || !cur.Scored {
		return "", 0
	}
	change := reports.RoundTo(cur.Score-prev.Score, 1)
	return reports.Direction(prev.Risk, cur.Risk, change), change
}

// ParseProjects reads the projects file: the projects the PMO expects to
// see assessed, so that one never assessed shows as unassessed. It is a
// YAML list, or a mapping with the list under "projects"; an item is a
// name, or a mapping with id (the project_id its answers files carry)
// and name. Every problem is given as file:line:col.
func ParseProjects(name string, data []byte) ([]Expected, error) {
	root, probs := yamlfile.ReadYAML(name, data)
	if root == nil {
		return nil, yamlfile.Cap(probs)
	}
	f := &yamlfile.Fields{File: name, Probs: probs}
	list := root
	if root.Kind == yaml.MappingNode {
		list = nil
		f.Map(root, "projects file", []string{"projects"}, []string{"projects"}, func(_ string, v *yaml.Node) { list = v })
	}
	var out []Expected
	if list != nil {
		items, _ := f.Seq(list, "projects")
		seen := map[string]bool{}
		for _, it := range items {
			var x Expected
			if it.Kind == yaml.ScalarNode {
				x.Name, _ = f.Text(it, "a project")
			} else {
				f.Map(it, "project", []string{"id", "name"}, nil, func(key string, v *yaml.Node) {
					switch key {
					case "id":
						x.ID, _ = f.Text(v, "id")
					case "name":
						x.Name, _ = f.Text(v, "name")
					}
				})
				if x.ID == "" && x.Name == "" && it.Kind == yaml.MappingNode {
					f.Errorf(it, "", "a project needs an id or a name")
				}
			}
			if x.ID == "" {
				x.ID = assessment.ProjectSlug(x.Name)
			}
			if x.ID == "" {
				continue
			}
			if seen[x.ID] {
				f.Errorf(it, "", "project %q is listed twice", printable.Line(x.ID))
				continue
			}
			seen[x.ID] = true
			out = append(out, x)
		}
	}
	if len(f.Probs) > 0 {
		return nil, yamlfile.Cap(f.Probs)
	}
	return out, nil
}
