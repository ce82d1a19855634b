package plain

import (
	"bufio"
	"context"
	"errors"
	"fmt"
	"io"
	"strings"
	"unicode/utf8"

	"github.com/mattn/go-runewidth"

	"github.com/vitals-dev/vitals/assessment"
	"github.com/vitals-dev/vitals/internal/printable"
	"github.com/vitals-dev/vitals/questions"
)

// prompt prints a prompt on its own line and reads the answer line. Lines
// that are too long or not UTF-8 are refused here, so that no caller sees
// them.
func (p *plain) prompt(text string) (string, error) {
	for {
		p.out.indented("", text)
		if p.out.err != nil {
			return "", fmt.Errorf("write output: %w", p.out.err)
		}
		line, err := p.lines.next(p.ctx)
		switch {
		case errors.Is(err, errPlainLineTooLong):
			if err := p.refuseAt(p.asking, fmt.Sprintf("That line is longer than %s bytes; it was not used. An answer or note holds at most %s characters.", assessment.FormatCount(plainMaxLine), assessment.FormatCount(assessment.MaxText))); err != nil {
				return "", err
			}
			continue
		case err != nil:
			return "", err
		case !utf8.ValidString(line):
			if err := p.refuseAt(p.asking, "That line is not valid UTF-8; it was not used."); err != nil {
				return "", err
			}
			continue
		}
		return line, nil
	}
}

// refuse tells the user why the line just read was not used. At a terminal
// they read it and type again (refuse returns nil). From a script the run
// stops there: the lines after it were written for the prompts after this
// one, and reading them as second tries would give answers to the wrong
// questions.
func (p *plain) refuse(msg string) error { return p.refuseAt(nil, msg) }

// refuseAt is refuse for a line read for question q (the question's note
// included), which the error names.
func (p *plain) refuseAt(q *questions.Question, msg string) error {
	p.out.say("%s", msg)
	if p.cfg.Interactive {
		return nil
	}
	where := fmt.Sprintf("input line %d", p.lines.n)
	if q != nil {
		where += fmt.Sprintf(" (question %s)", q.ID)
	}
	return refusedError{where: where, msg: strings.TrimSuffix(msg, ".")}
}

// refusedError is a scripted line that was not used; it is ErrInputRefused.
type refusedError struct{ where, msg string }

func (e refusedError) Error() string        { return "stopped at " + e.where + ": " + e.msg }
func (e refusedError) Is(target error) bool { return target == ErrInputRefused }

// plainWriter writes plain, wrapped, printable lines and keeps the first
// write error.
type plainWriter struct {
	w   io.Writer
	err error
}

func (pw *plainWriter) write(lines []string) {
	if pw.err != nil {
		return
	}
	_, pw.err = io.WriteString(pw.w, strings.Join(lines, "\n")+"\n")
}

func (pw *plainWriter) blank() { pw.write([]string{""}) }

// raw writes data as it is, unwrapped: an answers file's YAML, which must
// stay valid to be copied into a file. It is tried even after an earlier
// write failed, as it may be the only copy of the answers.
func (pw *plainWriter) raw(data []byte) {
	if _, err := pw.w.Write(data); err != nil && pw.err == nil {
		pw.err = err
	}
}

// say prints a formatted message, wrapped.
func (pw *plainWriter) say(format string, args ...any) {
	pw.write(plainWrap(fmt.Sprintf(format, args...), "", "", plainWidth))
}

// indented prints text wrapped with every line indented by indent.
func (pw *plainWriter) indented(indent, text string) {
	pw.write(plainWrap(text, indent, indent, plainWidth))
}

// item prints text after a label such as "  2) ", continuation lines
// aligned under the text.
func (pw *plainWriter) item(label, text string) {
	pw.write(plainWrap(text, label, strings.Repeat(" ", runewidth.StringWidth(label)), plainWidth))
}

// plainWrap makes text printable and breaks it into lines of at most width
// terminal columns where it can (wide characters take two) (a longer word keeps a line of its own). The first
// line starts with first, the others with rest; newlines in text start new
// lines.
func plainWrap(text, first, rest string, width int) []string {
	text = printable.Text(text)
	var lines []string
	prefix := first
	for _, para := range strings.Split(text, "\n") {
		cur, n, empty := prefix, runewidth.StringWidth(prefix), true
		for _, w := range strings.Fields(para) {
			wl := runewidth.StringWidth(w)
			if !empty && n+1+wl > width {
				lines = append(lines, cur)
				cur, n, empty = rest, runewidth.StringWidth(rest), true
			}
			if !empty {
				cur += " "
				n++
			}
			cur += w
			n += wl
			empty = false
		}
		lines = append(lines, strings.TrimRight(cur, " "))
		prefix = rest
	}
	return lines
}

// plainLines reads lines in a goroutine, one at a time and only when asked,
// so that a blocked read of stdin cannot stop plain mode from noticing an
// interrupt, and no line is read before it is wanted.
type plainLines struct {
	req chan struct{}
	res chan plainLine
	err error // the end of input, once seen
	n   int   // the number of the last line returned, from 1
}

type plainLine struct {
	text string
	err  error
}

var errPlainLineTooLong = errors.New("line too long")

func newPlainLines(in io.Reader) *plainLines {
	ls := &plainLines{req: make(chan struct{}, 1), res: make(chan plainLine, 1)}
	go ls.run(bufio.NewReader(in))
	return ls
}

func (ls *plainLines) run(br *bufio.Reader) {
	first := true
	for range ls.req {
		text, err := plainReadLine(br)
		if first {
			text = strings.TrimPrefix(text, "\ufeff")
			first = false
		}
		ls.res <- plainLine{text, err}
		if err != nil && !errors.Is(err, errPlainLineTooLong) {
			return
		}
	}
}

// close lets the reading goroutine end once its current read returns.
func (ls *plainLines) close() { close(ls.req) }

// next returns the next line without its line ending, or the context's
// error as soon as ctx is done, or io.EOF (or a read error wrapping
// errPlainRead) at the end of input.
func (ls *plainLines) next(ctx context.Context) (string, error) {
	if ls.err != nil {
		return "", ls.err
	}
	if err := ctx.Err(); err != nil {
		return "", err
	}
	ls.req <- struct{}{}
	select {
	case r := <-ls.res:
		if r.err != nil && !errors.Is(r.err, errPlainLineTooLong) {
			ls.err = r.err
		} else {
			ls.n++
		}
		return r.text, r.err
	case <-ctx.Done():
		// The goroutine may still deliver this line; nobody will want it.
		ls.err = ctx.Err()
		return "", ctx.Err()
	}
}

// plainReadLine reads one line, refusing lines over plainMaxLine bytes. The last
// line may lack its newline.
func plainReadLine(br *bufio.Reader) (string, error) {
	var buf []byte
	long, got := false, false
	for {
		chunk, err := br.ReadSlice('\n')
		got = got || len(chunk) > 0
		if !long && len(buf)+len(chunk) <= plainMaxLine+2 {
			buf = append(buf, chunk...)
		} else {
			long, buf = true, nil
		}
		if errors.Is(err, bufio.ErrBufferFull) {
			continue
		}
		if errors.Is(err, io.EOF) && got {
			err = nil
		}
		if err != nil {
			if errors.Is(err, io.EOF) {
				return "", io.EOF
			}
			return "", fmt.Errorf("%w: %w", errPlainRead, err)
		}
		break
	}
	s := strings.TrimSuffix(string(buf), "\n")
	s = strings.TrimSuffix(s, "\r")
	if long || len(s) > plainMaxLine {
		return "", errPlainLineTooLong
	}
	return s, nil
}
