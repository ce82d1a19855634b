package room

import (
	"fmt"
	"sync"
	"time"

	"charm.land/ssh"

	"github.com/vitals-dev/vitals/assessment"
	"github.com/vitals-dev/vitals/workspace"
)

// participant is what the facilitator's screen knows of one participant:
// never their answers, which it reads from the files only after the
// reveal.
type participant struct {
	mu        sync.Mutex
	label     string
	path      string
	connected bool
	last      time.Time
}

// Status is one participant as the facilitator's screen shows them.
type Status struct {
	Label     string
	Path      string
	Connected bool
	Last      time.Time
}

// join records a participant who connected; one who reconnects (the same
// file) is the same participant again.
func (s *Server) join(ws *workspace.Session) *participant {
	s.mu.Lock()
	defer s.mu.Unlock()
	for _, p := range s.people {
		if p.path == ws.Path {
			p.mu.Lock()
			p.connected, p.last = true, time.Now()
			p.mu.Unlock()
			return p
		}
	}
	label := ws.Answers.Respondent.Name
	if s.cfg.Mode != assessment.WorkshopNamed || label == "" {
		label = fmt.Sprintf("participant %d", len(s.people)+1)
	}
	p := &participant{label: label, path: ws.Path, connected: true, last: time.Now()}
	s.people = append(s.people, p)
	return p
}

func (p *participant) leave() {
	p.mu.Lock()
	p.connected = false
	p.mu.Unlock()
}

func (p *participant) touch() {
	p.mu.Lock()
	p.last = time.Now()
	p.mu.Unlock()
}

// Participants returns every participant so far, in the order they joined.
func (s *Server) Participants() []Status {
	s.mu.Lock()
	people := append([]*participant(nil), s.people...)
	s.mu.Unlock()
	out := make([]Status, len(people))
	for i, p := range people {
		p.mu.Lock()
		out[i] = Status{Label: p.label, Path: p.path, Connected: p.connected, Last: p.last}
		p.mu.Unlock()
	}
	return out
}

// conn is one connection's participant, known once their answers file
// is open: at once when they connected with a resume code, after the join
// screen otherwise.
type conn struct {
	mu     sync.Mutex
	p      *participant
	ws     *workspace.Session
	closed bool
}

// opened records the file opened for the connection and who it is, with
// join; false when the connection ended meanwhile (the participant left
// while the file was opened), and then nothing is recorded.
func (c *conn) opened(ws *workspace.Session, join func() *participant) bool {
	c.mu.Lock()
	defer c.mu.Unlock()
	if c.closed {
		return false
	}
	c.ws, c.p = ws, join()
	return true
}

// end marks the participant gone. Their file is closed (the program
// closed it already when it reached the first question; closing again
// does nothing).
func (c *conn) end() {
	c.mu.Lock()
	defer c.mu.Unlock()
	c.closed = true
	if c.p != nil {
		c.p.leave()
	}
	if c.ws != nil {
		c.ws.Close()
	}
}

func (c *conn) touch() {
	c.mu.Lock()
	p := c.p
	c.mu.Unlock()
	if p != nil {
		p.touch()
	}
}

// activity marks a participant active whenever they type.
type activity struct {
	ssh.Session
	c *conn
}

func (a activity) Read(b []byte) (int, error) {
	n, err := a.Session.Read(b)
	if n > 0 {
		a.c.touch()
	}
	return n, err
}
