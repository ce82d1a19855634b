// Package workspace owns the answers files on disk: their names, finding
// earlier and unfinished runs, opening and resuming them under a lock,
// atomic writes that keep a file's mode, and rescue copies when a save
// fails. The full-screen mode, plain mode, the commands and the workshop
// server all go through it, so two processes never lose each other's
// answers and nothing a respondent typed is lost.
package workspace

import (
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"slices"
	"strconv"
	"strings"
	"sync"
	"time"
)

// WriteFileAtomic replaces path with data so that a reader, a crash or a
// kill at any moment sees either the old file or the new one, never a torn
// mix: it writes a temporary file in the same folder, syncs it, renames it
// over path and syncs the folder.
//
// An existing file keeps its mode, and its owner and group where the
// process may set them; a new file gets 0666 less the umask, as a file
// made by any other tool would. A symbolic link is written through: its
// target is replaced, the link stays. Something that is not a regular
// file, such as /dev/stdout or a named pipe, is written to as it is, since
// it cannot be replaced.
func WriteFileAtomic(path string, data []byte) (err error) {
	if target, err := filepath.EvalSymlinks(path); err == nil {
		path = target
	} else if fi, lerr := os.Lstat(path); lerr == nil && fi.Mode()&os.ModeSymlink != 0 {
		// A link to nothing yet: create its target.
		dest, rerr := os.Readlink(path)
		if rerr != nil {
			return fmt.Errorf("write %s: %w", path, unwrapPath(rerr))
		}
		if !filepath.IsAbs(dest) {
			dest = filepath.Join(filepath.Dir(path), dest)
		}
		path = dest
	}
	perm := 0o666 &^ umask()
	old, statErr := os.Stat(path)
	if statErr == nil {
		if !old.Mode().IsRegular() {
			if old.IsDir() {
				return fmt.Errorf("write %s: is a folder", path)
			}
			return writeInPlace(path, data)
		}
		perm = old.Mode().Perm()
	}
	dir := filepath.Dir(path)
	tmp, err := os.CreateTemp(dir, tempPattern(filepath.Base(path)))
	if err != nil {
		return fmt.Errorf("write %s: %w", path, unwrapPath(err))
	}
	defer func() {
		if err != nil {
			tmp.Close()
			os.Remove(tmp.Name())
		}
	}()
	if _, err = tmp.Write(data); err != nil {
		return fmt.Errorf("write %s: %w", path, unwrapPath(err))
	}
	if err = tmp.Chmod(perm); err != nil {
		return fmt.Errorf("write %s: %w", path, unwrapPath(err))
	}
	if statErr == nil {
		// Root resuming a respondent's file leaves it the respondent's.
		// Anyone else may only give it a group they are in; when that is
		// refused the file becomes the writer's, as with any editor.
		keepOwner(tmp, old)
	}
	if err = tmp.Sync(); err != nil {
		return fmt.Errorf("write %s: %w", path, unwrapPath(err))
	}
	if err = tmp.Close(); err != nil {
		return fmt.Errorf("write %s: %w", path, unwrapPath(err))
	}
	if err = os.Rename(tmp.Name(), path); err != nil {
		return fmt.Errorf("write %s: %w", path, unwrapPath(err))
	}
	if d, derr := os.Open(dir); derr == nil {
		// Not every file system can sync a folder; the rename is done.
		_ = d.Sync()
		d.Close()
	}
	return nil
}

// writeInPlace writes to a device or pipe, which cannot be replaced.
func writeInPlace(path string, data []byte) error {
	f, err := os.OpenFile(path, os.O_WRONLY, 0)
	if err != nil {
		return fmt.Errorf("write %s: %w", path, unwrapPath(err))
	}
	_, err = f.Write(data)
	if cerr := f.Close(); err == nil {
		err = cerr
	}
	if err != nil {
		return fmt.Errorf("write %s: %w", path, unwrapPath(err))
	}
	return nil
}

// Temporary files are named ".BASE.PID.RANDOM.tmp": hidden, never matching
// *.answers.yaml, and carrying the writer's process id, so a later run can
// tell a copy left by a killed process from one being written now.
func tempPattern(base string) string {
	return "." + base + "." + strconv.Itoa(os.Getpid()) + ".*.tmp"
}

// staleAfter is how old a temporary file without a live writer's pid (as
// older builds named them) must be before it is taken for left over. A
// write takes milliseconds.
const staleAfter = 10 * time.Minute

// Tidy removes what killed sessions left in dir, which `git add .` would
// otherwise pick up: temporary copies of answers files (hidden
// ".NAME.PID.RANDOM.tmp" files whose process is gone, and ".NAME.RANDOM.tmp"
// files of older builds not touched for ten minutes) and lock files no
// process holds. It reads the folder's names once, and asks about the
// hidden files only, and returns the names removed; errors are ignored, as
// the folder is only being tidied.
func Tidy(dir string) []string {
	f, err := os.Open(dir)
	if err != nil {
		return nil
	}
	names, _ := f.Readdirnames(-1)
	f.Close()
	slices.Sort(names)
	var removed []string
	for _, name := range names {
		if !strings.HasPrefix(name, ".") {
			continue
		}
		fi, err := os.Lstat(filepath.Join(dir, name))
		if err != nil || !fi.Mode().IsRegular() {
			continue
		}
		switch {
		case IsTempName(name) && staleTemp(fi, name):
			if os.Remove(filepath.Join(dir, name)) == nil {
				removed = append(removed, name)
			}
		case strings.HasSuffix(name, ".answers.yaml.lock"):
			// Taken and let go of at once when no process holds it.
			answers := filepath.Join(dir, strings.TrimSuffix(name[1:], ".lock"))
			if l, _, err := Acquire(answers, time.Now()); err == nil && l.Release() == nil {
				removed = append(removed, name)
			}
		}
	}
	return removed
}

// IsTempName reports whether name is one of the temporary files that
// WriteFileAtomic writes: ".BASE[.PID].DIGITS.tmp". Such a file is never
// read as an answers file.
func IsTempName(name string) bool {
	if !strings.HasPrefix(name, ".") || !strings.HasSuffix(name, ".tmp") {
		return false
	}
	parts := strings.Split(strings.TrimSuffix(name[1:], ".tmp"), ".")
	return len(parts) >= 2 && allDigits(parts[len(parts)-1])
}

func staleTemp(fi fs.FileInfo, name string) bool {
	parts := strings.Split(strings.TrimSuffix(name[1:], ".tmp"), ".")
	if len(parts) >= 3 && allDigits(parts[len(parts)-2]) {
		if pid, err := strconv.Atoi(parts[len(parts)-2]); err == nil && pid > 0 {
			if alive, known := processAlive(pid); known {
				return pid != os.Getpid() && !alive
			}
		}
	}
	return time.Since(fi.ModTime()) > staleAfter
}

func allDigits(s string) bool {
	if s == "" {
		return false
	}
	for _, r := range s {
		if r < '0' || r > '9' {
			return false
		}
	}
	return true
}

var (
	umaskOnce sync.Once
	umaskVal  os.FileMode
)

// umask is the process's file mode creation mask, read once.
func umask() os.FileMode {
	umaskOnce.Do(func() { umaskVal = readUmask() })
	return umaskVal
}

func unwrapPath(err error) error {
	if pe, ok := err.(*os.PathError); ok {
		return pe.Err
	}
	if le, ok := err.(*os.LinkError); ok {
		return le.Err
	}
	return err
}

// SameFile reports whether paths a and b name the same file: the same
// path once cleaned ("./x" and "x"), whether or not it exists yet, or the
// same existing file whatever the spelling or links between them.
func SameFile(a, b string) bool {
	if filepath.Clean(a) == filepath.Clean(b) {
		return true
	}
	fa, err := os.Stat(a)
	if err != nil {
		return false
	}
	fb, err := os.Stat(b)
	if err != nil {
		return false
	}
	return os.SameFile(fa, fb)
}
