package assessment

import "github.com/vitals-dev/vitals/questions"

// GroupScore is a group's score for one question and how it was reached,
// standing in for what the group's answer alone would score.
type GroupScore struct {
	Score  float64
	Reason string
}

// ScoreGroup scores the answers of a group (a workshop) as Score scores
// one respondent's, so that everything built on a Result (the summary,
// the plan and its actions, the sections' blocks) serves a group too. a
// holds the group's answer to each question, which decides what is asked,
// the red flags and advice and the business case; scores holds, by
// question id, the group's score where it is not the score of that answer
// (the median of the respondents' scores, which may fall between two
// answers). A score is used only for a question the group's answers leave
// asked and scored.
func ScoreGroup(r *questions.Rubric, a *Answers, scores map[string]GroupScore) *Result {
	return score(r, a, scores)
}

// IDs lists the question ids the file has an entry for, an answer or a
// note, in file order: what a file says of the rubric it was saved
// against, when that rubric has changed since.
func (a *File) IDs() []string {
	ids := make([]string, len(a.entries))
	for i, e := range a.entries {
		ids[i] = e.id
	}
	return ids
}
