package main

import (
	"fmt"
	"io"
	"os"

	"github.com/vitals-dev/vitals/questions"
)

// readFile reads a file given on the command line, with the size limit
// applied before the whole file is in memory.
func readFile(path string) ([]byte, error) {
	f, err := os.Open(path)
	if err != nil {
		return nil, fmt.Errorf("%s: %w", questions.Printable(path), pathErr(err))
	}
	defer f.Close()
	if fi, err := f.Stat(); err == nil && fi.IsDir() {
		return nil, fmt.Errorf("%s: is a folder, not a file", questions.Printable(path))
	}
	data, err := readAllLimited(f)
	if err != nil {
		return nil, fmt.Errorf("%s: %w", questions.Printable(path), err)
	}
	return data, nil
}

func readAllLimited(r io.Reader) ([]byte, error) {
	data, err := io.ReadAll(io.LimitReader(r, questions.MaxFileSize+1))
	if err != nil {
		return nil, pathErr(err)
	}
	if len(data) > questions.MaxFileSize {
		return nil, fmt.Errorf("larger than the limit of %d bytes", questions.MaxFileSize)
	}
	return data, nil
}

func pathErr(err error) error {
	if pe, ok := err.(*os.PathError); ok {
		return pe.Err
	}
	return err
}
