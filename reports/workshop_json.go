package reports

import (
	"encoding/json"
	"fmt"
	"io"
	"slices"

	"github.com/vitals-dev/vitals/workshop"
)

// The workshop's JSON report: the single report's keys for the group's
// result (summary, sections, flags, actions, gaps, business case), and the
// room's. It holds counts, never a row per respondent: in named mode the
// tallies name who gave each answer, in anonymous mode nothing does.
type jsonWorkshop struct {
	SchemaVersion int                `json:"schema_version"`
	Kind          string             `json:"kind"`
	Generator     jsonGenerator      `json:"generator"`
	Rubric        jsonRubric         `json:"rubric"`
	Project       string             `json:"project"`
	Date          string             `json:"date"`
	Started       string             `json:"started"`
	Updated       string             `json:"updated"`
	Mode          string             `json:"mode"`
	MinGroup      int                `json:"min_group"`
	Respondents   jsonRoom           `json:"respondents"`
	Summary       jsonSummary        `json:"summary"`
	Room          jsonRoomSummary    `json:"room"`
	Sections      []jsonSection      `json:"sections"`
	Questions     []jsonRoomQuestion `json:"questions"`
	Roles         []jsonRole         `json:"roles"`
	RoleGaps      []jsonRoleGap      `json:"role_gaps"`
	Flags         []jsonFlag         `json:"flags"`
	Actions       []jsonAction       `json:"actions"`
	Gaps          []jsonGap          `json:"gaps"`
	BusinessCase  *jsonCase          `json:"business_case"`
	BreakEven     *jsonRange         `json:"break_even_by_respondent"`
	DontKnow      []jsonRef          `json:"dont_know"`
	Unanswered    []jsonRef          `json:"unanswered"`
	Dropped       []string           `json:"dropped_questions"`
}

type jsonRoom struct {
	Count    int `json:"count"`
	Complete int `json:"complete"`
	// Names is empty in anonymous mode.
	Names []string `json:"names"`
	// HiddenInRoles counts those in role groups below min_group.
	HiddenInRoles int `json:"hidden_in_roles"`
}

type jsonRoomSummary struct {
	DiscussFirst []string     `json:"discuss_first"`
	AgreedRisks  []string     `json:"agreed_risks"`
	SplitRoom    int          `json:"split_room"`
	LoneOutlier  int          `json:"lone_outlier"`
	Widest       *jsonRoleGap `json:"widest_role_gap"`
}

type jsonRoomQuestion struct {
	ID          string      `json:"id"`
	Section     string      `json:"section"`
	Kind        string      `json:"kind"`
	Asked       int         `json:"asked"`
	Answered    int         `json:"answered"`
	DontKnow    int         `json:"dont_know"`
	Unanswered  int         `json:"unanswered"`
	NotApp      int         `json:"not_applicable"`
	Hidden      bool        `json:"hidden"`
	Tally       []jsonPoint `json:"tally"`
	Numbers     *jsonRange  `json:"numbers"`
	Dates       *jsonDates  `json:"dates"`
	MedianScore *float64    `json:"median_score"`
	Consensus   *float64    `json:"consensus"`
	Agreement   *float64    `json:"agreement"`
	Class       string      `json:"class"`
	Worth       float64     `json:"worth"`
	Priority    float64     `json:"priority"`
	Sides       []jsonSide  `json:"sides"`
	Notes       []jsonNote  `json:"notes"`
	Texts       []jsonNote  `json:"texts"`
	GroupAsked  bool        `json:"asked_of_group"`
}

type jsonPoint struct {
	Label string   `json:"label"`
	Value string   `json:"value"`
	Count int      `json:"count"`
	Names []string `json:"names"`
}

type jsonSide struct {
	Label string      `json:"label"`
	Count int         `json:"count"`
	Tally []jsonPoint `json:"tally"`
	Roles []string    `json:"roles"`
	Names []string    `json:"names"`
}

type jsonNote struct {
	Text   string `json:"text"`
	Author string `json:"author"`
}

type jsonRange struct {
	Median      *float64 `json:"median,omitempty"`
	Min         float64  `json:"min"`
	Max         float64  `json:"max"`
	Respondents int      `json:"respondents"`
}

type jsonDates struct {
	First string `json:"first"`
	Last  string `json:"last"`
}

type jsonRole struct {
	Role     string            `json:"role"`
	Count    int               `json:"count"`
	Sections []jsonRoleSection `json:"sections"`
}

type jsonRoleSection struct {
	Section string   `json:"section"`
	Score   *float64 `json:"score"`
}

type jsonRoleGap struct {
	Section   string  `json:"section"`
	High      string  `json:"high"`
	HighScore float64 `json:"high_score"`
	Low       string  `json:"low"`
	LowScore  float64 `json:"low_score"`
	Points    float64 `json:"points"`
}

func renderWorkshopJSON(w io.Writer, g *workshop.Group, opt Options) error {
	doc := buildWorkshopJSON(g, opt)
	b, err := json.MarshalIndent(doc, "", "  ")
	if err != nil {
		return fmt.Errorf("render workshop JSON report: %w", err)
	}
	_, err = w.Write(append(terminalSafeJSON(b), '\n'))
	return err
}

func nonNil(xs []string) []string {
	if xs == nil {
		return []string{}
	}
	return xs
}

func buildWorkshopJSON(g *workshop.Group, opt Options) *jsonWorkshop {
	one := buildJSON(g.Result, opt)
	anon := g.Anonymous()
	a := g.Answers
	doc := &jsonWorkshop{
		SchemaVersion: SchemaVersion, Kind: "workshop", Generator: one.Generator, Rubric: one.Rubric,
		Project: a.Project, Date: one.Date, Started: one.Started, Updated: one.Updated,
		Mode: g.Mode, MinGroup: g.MinGroup,
		Respondents: jsonRoom{Count: len(g.Members), Complete: g.Complete, Names: []string{}},
		Summary:     one.Summary, Sections: one.Sections, Questions: []jsonRoomQuestion{},
		Roles: []jsonRole{}, RoleGaps: []jsonRoleGap{},
		Flags: one.Flags, Actions: one.Actions, Gaps: one.Gaps, BusinessCase: one.BusinessCase,
		DontKnow: one.DontKnow, Unanswered: one.Unanswered, Dropped: []string{},
		Room: jsonRoomSummary{DiscussFirst: []string{}, AgreedRisks: []string{}},
	}
	if !anon {
		for _, m := range g.Members {
			doc.Respondents.Names = append(doc.Respondents.Names, m.Answers.Respondent.String())
		}
		slices.Sort(doc.Respondents.Names)
	}
	for _, q := range g.Dropped {
		doc.Dropped = append(doc.Dropped, q.ID)
	}
	for _, q := range g.Discuss {
		doc.Room.DiscussFirst = append(doc.Room.DiscussFirst, q.Question.ID)
	}
	for _, q := range g.Agreed {
		doc.Room.AgreedRisks = append(doc.Room.AgreedRisks, q.Question.ID)
	}
	for _, q := range g.Questions {
		switch q.Class {
		case workshop.SplitRoom:
			doc.Room.SplitRoom++
		case workshop.LoneOutlier:
			doc.Room.LoneOutlier++
		}
		doc.Questions = append(doc.Questions, roomQuestionJSON(q))
	}
	for _, rg := range g.Roles {
		if rg.Hidden {
			doc.Respondents.HiddenInRoles += rg.Count
			continue
		}
		jr := jsonRole{Role: rg.Role, Count: rg.Count, Sections: []jsonRoleSection{}}
		for si, s := range g.Rubric.Sections {
			js := jsonRoleSection{Section: s.ID}
			if rg.Scored[si] {
				js.Score = ptr(rg.Sections[si])
			}
			jr.Sections = append(jr.Sections, js)
		}
		doc.Roles = append(doc.Roles, jr)
	}
	for _, gap := range g.Gaps {
		doc.RoleGaps = append(doc.RoleGaps, roleGapJSON(gap))
	}
	if w := g.WidestGap(); w != nil {
		j := roleGapJSON(*w)
		doc.Room.Widest = &j
	}
	if be := g.BreakEven; be.N > 0 && !(anon && be.N < g.MinGroup) {
		doc.BreakEven = &jsonRange{Min: r2(be.Min), Max: r2(be.Max), Respondents: be.N}
	}
	return doc
}

func roleGapJSON(gap workshop.RoleGap) jsonRoleGap {
	return jsonRoleGap{Section: gap.Section.ID, High: gap.High, HighScore: gap.HighScore, Low: gap.Low, LowScore: gap.LowScore, Points: gap.Distance}
}

func pointsJSON(pts []workshop.Point) []jsonPoint {
	out := []jsonPoint{}
	for _, p := range pts {
		out = append(out, jsonPoint{Label: p.Label, Value: p.Value, Count: p.Count, Names: nonNil(p.Who)})
	}
	return out
}

func notesJSON(ns []workshop.Note) []jsonNote {
	out := []jsonNote{}
	for _, n := range ns {
		out = append(out, jsonNote{Text: n.Text, Author: n.Who})
	}
	return out
}

func roomQuestionJSON(q *workshop.Question) jsonRoomQuestion {
	jq := jsonRoomQuestion{ID: q.Question.ID, Section: q.Question.Section.ID, Kind: string(q.Question.Kind),
		Asked: q.Asked, Answered: q.Answered, DontKnow: q.DontKnow, Unanswered: q.Unanswered, NotApp: q.NotApplicable, Hidden: q.Hidden,
		Tally: []jsonPoint{}, Class: q.Class.Key(), Worth: r2(q.Worth), Priority: r2(q.Priority),
		Sides: []jsonSide{}, Notes: notesJSON(q.Notes), Texts: []jsonNote{}, GroupAsked: !q.NotAskedOfGroup}
	if q.Scored {
		jq.MedianScore = ptr(roundTo(q.MedianScore, 1))
	}
	if q.HasConsensus {
		jq.Consensus = ptr(roundTo(q.Consensus, 4))
	}
	if q.HasAgreement {
		jq.Agreement = ptr(roundTo(q.Agreement, 4))
	}
	if q.Hidden {
		return jq
	}
	jq.Tally = pointsJSON(q.Points)
	jq.Texts = notesJSON(q.Texts)
	if q.HasNumbers {
		jq.Numbers = &jsonRange{Median: ptr(r2(q.Median)), Min: r2(q.Min), Max: r2(q.Max), Respondents: q.Answered}
	}
	if q.First != "" {
		jq.Dates = &jsonDates{First: q.First, Last: q.Last}
	}
	for _, s := range q.Sides {
		jq.Sides = append(jq.Sides, jsonSide{Label: s.Label, Count: s.Count, Tally: pointsJSON(s.Points), Roles: nonNil(s.Roles), Names: nonNil(s.Who)})
	}
	return jq
}
