package workspace

import (
	"bufio"
	"errors"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"time"

	"github.com/vitals-dev/vitals/internal/printable"
)

// ErrLocked is wrapped by the error Acquire returns when another session
// holds the answers file.
var ErrLocked = errors.New("answers file is open in another session")

// Holder is who holds, or held, the lock on an answers file.
type Holder struct {
	PID   int
	Host  string
	Since time.Time
}

// String describes the holder for a message: "process 4242 on laptop,
// since 2026-12-01 14:05 UTC".
func (h Holder) String() string {
	if h.PID == 0 {
		return "a process that has not yet said who it is"
	}
	s := "process " + strconv.Itoa(h.PID)
	if h.Host != "" {
		s += " on " + printable.Line(h.Host)
	}
	if !h.Since.IsZero() {
		s += ", since " + h.Since.UTC().Format("2006-01-02 15:04 MST")
	}
	return s
}

// LockedError says an answers file is held by another session.
type LockedError struct {
	File   string
	Holder Holder
}

func (e *LockedError) Error() string {
	return fmt.Sprintf("%s is open in another vitals session (%s); two sessions on one answers file would overwrite each other's answers, so this one did not start and the file was not touched. Finish or quit the other session first, or answer into a file of your own with --answers NEW.answers.yaml",
		printable.Line(e.File), e.Holder)
}

// Is makes a LockedError match ErrLocked.
func (e *LockedError) Is(target error) bool { return target == ErrLocked }

// Lock is a held lock on one answers file: a hidden ".NAME.lock" file
// beside it, locked by the operating system (flock on Unix), which names
// its holder. The system lets go of it when the process ends in any way,
// so a lock left by a killed process is known to be stale; vim's swap file
// and git's index.lock work alike, without the guessing.
type Lock struct {
	path string
	f    *os.File
}

// LockPath is the lock file for an answers file.
func LockPath(answers string) string {
	return filepath.Join(filepath.Dir(answers), "."+filepath.Base(answers)+".lock")
}

// Acquire locks the answers file at path for this process. When another
// session holds it, the error is a *LockedError naming the holder. stale
// is the holder of a lock left by a process that has ended, which this
// one has taken over; the caller says so.
func Acquire(path string, now time.Time) (l *Lock, stale *Holder, err error) {
	lp := LockPath(path)
	for range 5 {
		f, err := os.OpenFile(lp, os.O_RDWR|os.O_CREATE, 0o666)
		if err != nil {
			return nil, nil, fmt.Errorf("lock %s: %w", printable.Line(path), unwrapPath(err))
		}
		ok, err := tryLock(f)
		if err != nil {
			f.Close()
			return nil, nil, fmt.Errorf("lock %s: %w", printable.Line(path), err)
		}
		if !ok {
			h := readHolder(f)
			f.Close()
			return nil, nil, &LockedError{File: path, Holder: h}
		}
		// The holder before us may have removed the file between our
		// open and our lock: then we hold a lock on a name no longer
		// there, and must try again on the new file.
		if !stillNamed(f, lp) {
			f.Close()
			continue
		}
		if h := readHolder(f); h.PID != 0 {
			stale = &h
		}
		host, _ := os.Hostname()
		rec := fmt.Sprintf("# vitals holds the answers file beside this one while a session has it open.\npid: %d\nhost: %s\nsince: %s\n",
			os.Getpid(), host, now.UTC().Format(time.RFC3339))
		// Who holds the lock is for messages only: the lock holds
		// even when the record cannot be written (a full disk).
		if f.Truncate(0) == nil {
			_, _ = f.WriteAt([]byte(rec), 0)
		}
		return &Lock{path: lp, f: f}, stale, nil
	}
	return nil, nil, fmt.Errorf("lock %s: the lock file kept changing; another process is taking it", printable.Line(path))
}

// Release lets go of the lock and removes its file. It is safe to call on
// a nil or released lock.
func (l *Lock) Release() error {
	if l == nil || l.f == nil {
		return nil
	}
	err := unlock(l.f, l.path)
	l.f = nil
	return err
}

// readHolder parses a lock file's record; fields it cannot read stay zero.
func readHolder(f *os.File) Holder {
	var h Holder
	sc := bufio.NewScanner(io.NewSectionReader(f, 0, 4096))
	for sc.Scan() {
		k, v, ok := strings.Cut(sc.Text(), ":")
		if !ok || strings.HasPrefix(k, "#") {
			continue
		}
		v = strings.TrimSpace(v)
		switch strings.TrimSpace(k) {
		case "pid":
			h.PID, _ = strconv.Atoi(v)
		case "host":
			h.Host = v
		case "since":
			h.Since, _ = time.Parse(time.RFC3339, v)
		}
	}
	return h
}
