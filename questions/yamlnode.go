package questions

import (
	"bytes"
	"errors"
	"fmt"
	"io"
	"math"
	"slices"
	"strconv"
	"strings"
	"unicode/utf8"

	"go.yaml.in/yaml/v4"
)

// Limits on YAML input. They keep hostile files cheap to reject while leaving
// room for rubrics far larger than any a person writes (10,000 questions).
const (
	MaxFileSize    = 8 << 20 // bytes
	MaxDepth       = 32      // nested mappings and sequences
	MaxMappingKeys = 100_000 // keys in one mapping
	MaxNodes       = 2_000_000
	maxProblems    = 50 // problems reported per file; the rest are counted
)

// ReadYAML parses one YAML document from data and checks it for what a typed
// decoder would miss or choke on: size, invalid UTF-8, several documents,
// anchors and aliases, excessive nesting or width, duplicate keys and control
// characters. Every problem carries file:line:col; name is the file name
// used in messages. The returned node is the document's root content, or nil
// when the file could not be parsed or holds something (an alias, extreme
// nesting) that makes decoding it misleading. Problems that leave the tree
// decodable, such as a duplicate key, come with the node, so a decoder can
// add its own and report everything at once.
func ReadYAML(name string, data []byte) (*yaml.Node, Problems) {
	if len(data) > MaxFileSize {
		return nil, Problems{{File: name, Line: 1, Col: 1, Msg: fmt.Sprintf("file is %d bytes; the limit is %d", len(data), MaxFileSize)}}
	}
	if !utf8.Valid(data) {
		line, col := invalidUTF8(data)
		return nil, Problems{{File: name, Line: line, Col: col, Msg: "invalid UTF-8", Hint: "save the file as UTF-8"}}
	}
	// The parser rejects control characters without saying where; find
	// the first one ourselves.
	if line, col, r, ok := controlChar(data); ok {
		return nil, Problems{{File: name, Line: line, Col: col, Msg: fmt.Sprintf("the control character %s is not allowed", Printable(string(r))), Hint: "remove it; write escapes such as \\e only inside double quotes"}}
	}
	loader, err := yaml.NewLoader(bytes.NewReader(data))
	if err != nil {
		return nil, Problems{{File: name, Msg: Printable(err.Error())}}
	}
	var doc yaml.Node
	if err := loader.Load(&doc); err != nil {
		if errors.Is(err, io.EOF) {
			return nil, Problems{{File: name, Line: 1, Col: 1, Msg: "file is empty"}}
		}
		return nil, Problems{syntaxProblem(name, err)}
	}
	root := &doc
	if root.Kind == yaml.DocumentNode {
		if len(root.Content) == 0 {
			return nil, Problems{{File: name, Line: 1, Col: 1, Msg: "file is empty"}}
		}
		root = root.Content[0]
	}
	var probs Problems
	var second yaml.Node
	switch err := loader.Load(&second); {
	case err == nil:
		line, col := second.Line, second.Column
		if len(second.Content) > 0 {
			line, col = second.Content[0].Line, second.Content[0].Column
		}
		if l := lastMarker(data, line); l > 0 {
			line, col = l, 1
		}
		probs = append(probs, Problem{File: name, Line: line, Col: col, Msg: "a second YAML document starts here; the file must hold exactly one", Hint: "remove the extra '---' and what follows"})
	case !errors.Is(err, io.EOF):
		probs = append(probs, syntaxProblem(name, err))
	}
	w := walker{file: name, probs: probs}
	w.walk(root, 1)
	if w.nodes > MaxNodes {
		w.add(Problem{File: name, Line: root.Line, Col: root.Column, Msg: fmt.Sprintf("document has more than %d YAML nodes", MaxNodes)})
		w.fatal = true
	}
	if w.fatal {
		return nil, w.finish()
	}
	return root, w.finish()
}

// syntaxProblem turns a YAML parser error into a Problem with the position
// the parser reports (go.yaml.in/yaml/v4 reports both line and column; v3
// reported a line only, often the wrong one).
func syntaxProblem(name string, err error) Problem {
	var le *yaml.LoadError
	if errors.As(err, &le) {
		msg := le.Message
		if le.ContextMsg != "" && le.ContextMark.Line > 0 {
			msg = fmt.Sprintf("%s (%s started at line %d, column %d)", msg, le.ContextMsg, le.ContextMark.Line, le.ContextMark.Column)
		}
		return Problem{File: name, Line: le.Mark.Line, Col: le.Mark.Column, Msg: "YAML syntax error: " + Printable(msg)}
	}
	msg := strings.TrimPrefix(err.Error(), "yaml: ")
	return Problem{File: name, Msg: "YAML syntax error: " + Printable(msg)}
}

// controlChar finds the first control character other than tab, newline
// and carriage return, with its 1-based line and column.
func controlChar(data []byte) (line, col int, r rune, ok bool) {
	line, col = 1, 1
	for len(data) > 0 {
		c, size := utf8.DecodeRune(data)
		switch {
		case c == '\n':
			line, col = line+1, 1
		case c == '\t' || c == '\r':
			col++
		case c < 0x20 || c == 0x7f || (c >= 0x80 && c < 0xa0):
			return line, col, c, true
		default:
			col++
		}
		data = data[size:]
	}
	return 0, 0, 0, false
}

// lastMarker returns the line of the last "---" document marker at or
// before line, or 0.
func lastMarker(data []byte, line int) int {
	found := 0
	for i, l := range bytes.SplitN(data, []byte("\n"), line+1) {
		if i >= line {
			break
		}
		if bytes.HasPrefix(l, []byte("---")) && (len(l) == 3 || l[3] == ' ' || l[3] == '\t' || l[3] == '\r') {
			found = i + 1
		}
	}
	return found
}

// invalidUTF8 returns the 1-based line and column (in characters) of the
// first invalid UTF-8 byte of data.
func invalidUTF8(data []byte) (line, col int) {
	line, col = 1, 1
	for len(data) > 0 {
		r, size := utf8.DecodeRune(data)
		if r == utf8.RuneError && size == 1 {
			return line, col
		}
		if r == '\n' {
			line, col = line+1, 1
		} else {
			col++
		}
		data = data[size:]
	}
	return line, col
}

type walker struct {
	file  string
	probs Problems
	nodes int
	extra int // problems beyond maxProblems
	// fatal is set by problems that make decoding the tree misleading:
	// aliases, anchors, merge keys, excessive size or depth.
	fatal bool
}

func (w *walker) add(p Problem) {
	if len(w.probs) >= maxProblems {
		w.extra++
		return
	}
	w.probs = append(w.probs, p)
}

// walk visits every node once, so the cost is linear in the document.
func (w *walker) walk(n *yaml.Node, depth int) {
	w.nodes++
	if w.nodes > MaxNodes {
		return
	}
	if n.Kind == yaml.AliasNode {
		w.add(Problem{File: w.file, Line: n.Line, Col: n.Column, Msg: "aliases (*name) are not allowed", Hint: "write the value out in full"})
		w.fatal = true
		return
	}
	if n.Anchor != "" {
		w.add(Problem{File: w.file, Line: n.Line, Col: n.Column, Msg: "anchors (&name) are not allowed", Hint: "write the value out in full"})
		w.fatal = true
	}
	switch n.Tag {
	case "", "!!str", "!!int", "!!float", "!!bool", "!!null", "!!map", "!!seq", "!!timestamp", "!!merge", "!!binary":
	default:
		w.add(Problem{File: w.file, Line: n.Line, Col: n.Column, Msg: fmt.Sprintf("the YAML tag %s is not allowed", Printable(n.Tag)), Hint: "remove it"})
	}
	if depth > MaxDepth {
		w.add(Problem{File: w.file, Line: n.Line, Col: n.Column, Msg: fmt.Sprintf("nested more than %d levels deep", MaxDepth)})
		w.fatal = true
		return
	}
	switch n.Kind {
	case yaml.ScalarNode:
		if r, bad := UnsafeRune(n.Value); bad {
			w.add(Problem{File: w.file, Line: n.Line, Col: n.Column, Msg: fmt.Sprintf("text contains the control character %s", Printable(string(r))), Hint: "remove it"})
		}
		if n.Tag == "!!binary" {
			w.add(Problem{File: w.file, Line: n.Line, Col: n.Column, Msg: "binary values are not allowed"})
		}
	case yaml.MappingNode:
		if len(n.Content)/2 > MaxMappingKeys {
			w.add(Problem{File: w.file, Line: n.Line, Col: n.Column, Msg: fmt.Sprintf("mapping has %d keys; the limit is %d", len(n.Content)/2, MaxMappingKeys)})
			w.fatal = true
			return
		}
		seen := make(map[string]*yaml.Node, len(n.Content)/2)
		for i := 0; i+1 < len(n.Content); i += 2 {
			k := n.Content[i]
			if k.Kind == yaml.ScalarNode {
				if k.Value == "<<" && k.Tag == "!!merge" {
					w.add(Problem{File: w.file, Line: k.Line, Col: k.Column, Msg: "merge keys (<<) are not allowed", Hint: "write the keys out in full"})
					w.fatal = true
				}
				if first, dup := seen[k.Value]; dup {
					w.add(Problem{File: w.file, Line: k.Line, Col: k.Column, Msg: fmt.Sprintf("duplicate key %q", Printable(k.Value)), Hint: fmt.Sprintf("first used at line %d, column %d", first.Line, first.Column)})
				} else {
					seen[k.Value] = k
				}
			}
			w.walk(k, depth+1)
			w.walk(n.Content[i+1], depth+1)
		}
	case yaml.SequenceNode:
		for _, c := range n.Content {
			w.walk(c, depth+1)
		}
	}
}

// finish closes the problem list, noting how many were not shown.
func (w *walker) finish() Problems {
	if w.extra > 0 {
		w.probs = append(w.probs, moreProblems(w.file, w.extra))
	}
	return w.probs
}

// Fields reads YAML nodes into Go values, collecting a Problem for every
// wrong type, unknown key or missing field instead of stopping at the first.
type Fields struct {
	File  string
	Probs Problems
}

// Errorf records a problem at node n.
func (f *Fields) Errorf(n *yaml.Node, hint, format string, args ...any) {
	if n != nil && n.Kind == yaml.AliasNode {
		return // ReadYAML reports every alias already
	}
	p := Problem{File: f.File, Msg: fmt.Sprintf(format, args...), Hint: hint}
	if n != nil {
		p.Line, p.Col = n.Line, n.Column
	}
	f.Probs = append(f.Probs, p)
}

// Map calls fn for each key of mapping n that is in known, reports unknown
// keys (with the closest known key as a hint) and the required keys that are
// missing. what names the mapping in messages, e.g. "question".
func (f *Fields) Map(n *yaml.Node, what string, known, required []string, fn func(key string, v *yaml.Node)) bool {
	if n.Kind != yaml.MappingNode {
		f.Errorf(n, "", "%s must be a mapping of keys to values, got %s", what, describe(n))
		return false
	}
	have := map[string]bool{}
	for i := 0; i+1 < len(n.Content); i += 2 {
		k, v := n.Content[i], n.Content[i+1]
		if k.Kind != yaml.ScalarNode {
			f.Errorf(k, "", "%s keys must be plain words", what)
			continue
		}
		if !slices.Contains(known, k.Value) {
			hint := ""
			if s := suggest(k.Value, known); s != "" {
				hint = fmt.Sprintf("did you mean %q?", s)
			} else {
				hint = "known keys: " + strings.Join(known, ", ")
			}
			f.Errorf(k, hint, "unknown key %q in %s", Printable(k.Value), what)
			continue
		}
		if have[k.Value] {
			continue // reported as a duplicate key already
		}
		have[k.Value] = true
		fn(k.Value, v)
	}
	for _, r := range required {
		if !have[r] {
			f.Errorf(n, "", "%s is missing the required key %q", what, r)
		}
	}
	return true
}

// String reads a text scalar. Numbers are taken as written; booleans and
// nulls are rejected, since "no" or "~" is rarely meant as text.
func (f *Fields) String(n *yaml.Node, what string) (string, bool) {
	if n.Kind == yaml.ScalarNode {
		switch {
		case n.Tag == "!!str", n.Tag == "!!int", n.Tag == "!!float":
			return n.Value, true
		case strings.HasPrefix(n.Tag, "!") && !strings.HasPrefix(n.Tag, "!!"):
			return n.Value, true // the custom tag is reported by ReadYAML
		case n.Tag == "!!bool":
			f.Errorf(n, fmt.Sprintf("put it in quotes: \"%s\"", Printable(n.Value)), "%s must be text, got the boolean %s", what, Printable(n.Value))
			return "", false
		}
	}
	f.Errorf(n, "", "%s must be text, got %s", what, describe(n))
	return "", false
}

// Text reads a non-empty text scalar.
func (f *Fields) Text(n *yaml.Node, what string) (string, bool) {
	s, ok := f.String(n, what)
	if ok && strings.TrimSpace(s) == "" {
		f.Errorf(n, "", "%s must not be empty", what)
		return "", false
	}
	return s, ok
}

// Number reads a finite decimal number.
func (f *Fields) Number(n *yaml.Node, what string) (float64, bool) {
	if n.Kind == yaml.ScalarNode && (n.Tag == "!!int" || n.Tag == "!!float") {
		v, err := strconv.ParseFloat(strings.ReplaceAll(n.Value, "_", ""), 64)
		if err != nil {
			if i, err2 := strconv.ParseInt(strings.ReplaceAll(n.Value, "_", ""), 0, 64); err2 == nil {
				v, err = float64(i), nil
			}
		}
		if err == nil && !math.IsNaN(v) && !math.IsInf(v, 0) {
			return v, true
		}
	}
	f.Errorf(n, "", "%s must be a number, got %s", what, describe(n))
	return 0, false
}

// Int reads a whole number; 1.5 is an error, never silently 1.
func (f *Fields) Int(n *yaml.Node, what string) (int, bool) {
	if n.Kind == yaml.ScalarNode && n.Tag == "!!int" {
		if v, err := strconv.ParseInt(strings.ReplaceAll(n.Value, "_", ""), 0, 32); err == nil {
			return int(v), true
		}
		f.Errorf(n, "", "%s is too large: %s", what, Printable(n.Value))
		return 0, false
	}
	f.Errorf(n, "", "%s must be a whole number, got %s", what, describe(n))
	return 0, false
}

// Bool reads true or false.
func (f *Fields) Bool(n *yaml.Node, what string) (bool, bool) {
	if n.Kind == yaml.ScalarNode && n.Tag == "!!bool" {
		switch strings.ToLower(n.Value) {
		case "true", "yes", "on", "y":
			return true, true
		}
		return false, true
	}
	f.Errorf(n, "", "%s must be true or false, got %s", what, describe(n))
	return false, false
}

// Seq returns the items of a sequence node.
func (f *Fields) Seq(n *yaml.Node, what string) ([]*yaml.Node, bool) {
	if n.Kind != yaml.SequenceNode {
		f.Errorf(n, "start each item with '- '", "%s must be a list, got %s", what, describe(n))
		return nil, false
	}
	return n.Content, true
}

// describe names what a node holds, for "must be X, got Y" messages.
func describe(n *yaml.Node) string {
	switch n.Kind {
	case yaml.MappingNode:
		return "a mapping"
	case yaml.SequenceNode:
		return "a list"
	case yaml.AliasNode:
		return "an alias"
	}
	switch n.Tag {
	case "!!null":
		return "nothing"
	case "!!bool":
		return "the boolean " + Printable(n.Value)
	case "!!int", "!!float":
		return "the number " + Printable(n.Value)
	}
	v := n.Value
	if utf8.RuneCountInString(v) > 40 {
		v = string([]rune(v)[:37]) + "..."
	}
	return fmt.Sprintf("the text %q", Printable(v))
}
