package room

import (
	"strings"
	"sync"
)

// Events keeps the server's log lines while the facilitator's screen owns
// the terminal the log would otherwise write into (and scramble): the
// screen shows the latest, and they are printed once it closes.
type Events struct {
	mu    sync.Mutex
	lines []string
	part  string
}

// maxEvents is how many lines are kept: a flood of failed logins must
// not grow the server's memory.
const maxEvents = 200

// Write takes log output, line by line.
func (e *Events) Write(p []byte) (int, error) {
	e.mu.Lock()
	defer e.mu.Unlock()
	text := e.part + string(p)
	lines := strings.Split(text, "\n")
	e.part = lines[len(lines)-1]
	e.lines = append(e.lines, lines[:len(lines)-1]...)
	if over := len(e.lines) - maxEvents; over > 0 {
		e.lines = append(e.lines[:0], e.lines[over:]...)
	}
	return len(p), nil
}

// Last returns the last n lines, oldest first.
func (e *Events) Last(n int) []string {
	e.mu.Lock()
	defer e.mu.Unlock()
	from := max(0, len(e.lines)-n)
	return append([]string(nil), e.lines[from:]...)
}
