package assessment

import "strings"

// ProjectSlug turns a project name into a project id: lower-case letters
// and digits joined by single dashes, at most 40 characters, "project"
// when nothing is left. The same rule names answers files.
func ProjectSlug(s string) string {
	var b strings.Builder
	dash := false
	for _, r := range strings.ToLower(s) {
		if (r >= 'a' && r <= 'z') || (r >= '0' && r <= '9') {
			if dash && b.Len() > 0 {
				b.WriteByte('-')
			}
			b.WriteRune(r)
			dash = false
		} else {
			dash = true
		}
		if b.Len() >= 40 {
			break
		}
	}
	if b.Len() == 0 {
		return "project"
	}
	return b.String()
}

// ValidProjectID reports whether s is a project id as ProjectSlug makes
// them: what an answers file's project_id must be.
func ValidProjectID(s string) bool {
	return s != "" && ProjectSlug(s) == s
}

// ProjectKey is the project's identity across runs: the file's project_id,
// fixed when the run started, so a display name spelt another way next
// quarter is still the same project. Files from before project ids get
// one derived from the display name, as the first save would have fixed it.
func (h *Header) ProjectKey() string {
	if h.ProjectID != "" {
		return h.ProjectID
	}
	return ProjectSlug(h.Project)
}

// AnswerIDs lists the question ids the file has answers or notes for, in
// file order.
func (f *File) AnswerIDs() []string {
	var ids []string
	for _, e := range f.entries {
		ids = append(ids, e.id)
	}
	return ids
}
