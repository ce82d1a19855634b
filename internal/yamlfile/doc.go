// Package yamlfile reads the YAML files users hand to vitals — rubrics and
// answers files — defensively: size and value limits checked before
// parsing, anchors, aliases, tags and control characters refused, and
// every problem placed at file:line:col and capped, so one hostile file
// costs milliseconds and a screenful, never seconds and gigabytes.
//
// It holds no knowledge of rubrics or answers: questions and assessment
// decode their own keys through Fields.
package yamlfile
