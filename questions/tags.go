package questions

import (
	"fmt"
	"github.com/vitals-dev/vitals/internal/printable"
	"slices"

	"github.com/vitals-dev/vitals/internal/yamlfile"
	"go.yaml.in/yaml/v4"
)

// Tags let answers decide which later questions are asked, as
// application-review questionnaires do: a rubric declares its tags, an
// option sets tags when it is chosen, and a question lists the tags that
// include it (any one set asks it) and those that exclude it (any one set
// hides it). Only answers to questions before it count.

// TagRef is a tag named in a rubric, with where it is named.
type TagRef struct {
	ID  string `json:"id"`
	Pos Pos    `json:"-"`
}

// tagIDs returns the ids of refs, each once.
func tagIDs(refs []TagRef) []string {
	var ids []string
	for _, t := range refs {
		if !slices.Contains(ids, t.ID) {
			ids = append(ids, t.ID)
		}
	}
	return ids
}

// decodeTags reads a list of tag ids.
func decodeTags(f *fields, n *yaml.Node, what string) []TagRef {
	items, _ := f.Seq(n, what)
	if n.Kind == yaml.SequenceNode && len(items) == 0 {
		f.Errorf(n, "leave the key out instead", "%s lists no tag", what)
	}
	var out []TagRef
	for _, it := range items {
		out = append(out, TagRef{ID: f.id(it, what+" value"), Pos: pos(it)})
	}
	return out
}

// tags checks the tags a rubric uses: declared once each, every one used
// declared, and a question's include tags set by some option before it
// (else it is never asked).
func (v *validator) tags(r *Rubric) {
	declared := map[string]Pos{}
	for _, t := range r.Tags {
		v.unique(declared, t.ID, t.Pos, "tag")
	}
	hint := func(id string) string {
		if s := yamlfile.Suggest(id, tagIDs(r.Tags)); s != "" {
			return fmt.Sprintf("did you mean %q?", s)
		}
		if len(r.Tags) == 0 {
			return "declare it in the rubric's tags"
		}
		return "declare it in the rubric's tags: " + joinQuoted(tagIDs(r.Tags))
	}
	known := func(t TagRef, what string) bool {
		if _, ok := declared[t.ID]; ok || t.ID == "" {
			return true
		}
		v.add(t.Pos, hint(t.ID), "%s %q, which is not a tag of this rubric", what, printable.Line(t.ID))
		return false
	}
	set := map[string]bool{} // set by an option of an earlier question
	for _, q := range r.Questions() {
		for _, t := range q.IncludeTags {
			if known(t, "include_tags names") && !set[t.ID] {
				v.add(t.Pos, "only answers to earlier questions set tags", "include_tags names %q, which no option before this question sets, so it is never asked", t.ID)
			}
		}
		for _, t := range q.ExcludeTags {
			known(t, "exclude_tags names")
		}
		for _, o := range q.Options {
			for _, t := range o.Tags {
				if known(t, "option tags names") {
					set[t.ID] = true
				}
			}
		}
	}
}

// TaggedIn reports whether the tags set let q be asked: one of its
// include tags is set (or it has none), and none of its exclude tags.
func (q *Question) TaggedIn(set map[string]bool) bool {
	in := len(q.IncludeTags) == 0 || slices.ContainsFunc(q.IncludeTags, func(t TagRef) bool { return set[t.ID] })
	return in && !slices.ContainsFunc(q.ExcludeTags, func(t TagRef) bool { return set[t.ID] })
}
