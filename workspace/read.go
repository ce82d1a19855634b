package workspace

import "context"

// ReadInterruptible runs read, a read of a file, pipe or standard input
// that may block for as long as its writer likes (`sleep 20 | vitals
// report -`, a named pipe nobody writes), and returns ctx's error as soon
// as ctx is done, so Ctrl+C and SIGTERM end the command at once. The
// read itself is left to finish or to end with the process.
func ReadInterruptible(ctx context.Context, read func() ([]byte, error)) ([]byte, error) {
	type result struct {
		data []byte
		err  error
	}
	done := make(chan result, 1)
	go func() {
		data, err := read()
		done <- result{data, err}
	}()
	select {
	case r := <-done:
		return r.data, r.err
	case <-ctx.Done():
		return nil, ctx.Err()
	}
}
