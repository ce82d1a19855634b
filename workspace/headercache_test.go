package workspace

import (
	"bytes"
	"fmt"
	"os"
	"path/filepath"
	"slices"
	"testing"
	"time"

	"github.com/vitals-dev/vitals/assessment"
	"github.com/vitals-dev/vitals/questions"
)

// TestMain keeps the header caches the tests write out of the user's
// cache folder.
func TestMain(m *testing.M) {
	dir, err := os.MkdirTemp("", "vitals-cache-test-")
	if err != nil {
		fmt.Fprintln(os.Stderr, err)
		os.Exit(1)
	}
	userCacheDir = func() (string, error) { return dir, nil }
	code := m.Run()
	cacheWrites.Wait()
	os.RemoveAll(dir)
	os.Exit(code)
}

// later makes the cache code see the clock an hour on, as a later run
// would: the files just written are then old enough to be cached.
func later(t testing.TB) {
	t.Helper()
	cacheNow = func() time.Time { return time.Now().Add(time.Hour) }
	t.Cleanup(func() { cacheNow = time.Now })
}

// cacheFolder fills a folder with n answers files of 5 projects (names
// of one length, so a project can be changed in place without changing
// the size), every third one unfinished.
func cacheFolder(t testing.TB, r *questions.Rubric, n int) string {
	t.Helper()
	dir := t.TempDir()
	for i := range n {
		a := assessment.New(r, fmt.Sprintf("Project %d", i%5), assessment.Respondent{Name: "Ann"}, since.Add(time.Duration(i)*time.Minute))
		a.Complete = i%3 != 0
		if err := os.WriteFile(filepath.Join(dir, fmt.Sprintf("f-%03d.answers.yaml", i)), a.Marshal(r), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	return dir
}

// serial is FindUnfinished without the cache: every header read from
// its file, as before the cache.
func serial(t testing.TB, cfg *Config, r *questions.Rubric, project string) []string {
	t.Helper()
	old := cacheMin
	cacheMin = 1 << 30
	defer func() { cacheMin = old }()
	return paths(cfg.FindUnfinished(r, project))
}

func paths(u []Unfinished) []string {
	var out []string
	for _, x := range u {
		out = append(out, filepath.Base(x.Path))
	}
	return out
}

// findAll runs FindUnfinished for every project and checks it finds what
// the serial path finds, in the same order; it waits for the cache file
// to be written.
func findAll(t *testing.T, cfg *Config, r *questions.Rubric, step string) {
	t.Helper()
	for p := range 5 {
		project := fmt.Sprintf("Project %d", p)
		got := paths(cfg.FindUnfinished(r, project))
		cacheWrites.Wait()
		if want := serial(t, cfg, r, project); !slices.Equal(got, want) {
			t.Errorf("%s: FindUnfinished(%s) = %v, want %v (without the cache)", step, project, got, want)
		}
	}
}

// readsOf counts the files the cache had to read to give the headers of
// dir.
func readsOf(t *testing.T, dir string) int {
	t.Helper()
	hc := openHeaderCache(dir, cacheMin)
	if hc == nil {
		t.Fatal("no header cache")
	}
	for _, name := range answersFileNames(dir) {
		hc.header(name, make([]byte, 4*headerRead))
	}
	hc.stat.close()
	return hc.reads
}

// The cache gives the runs the files give, in the same order, and once
// written spares reading the files.
func TestHeaderCacheFindsWhatFilesSay(t *testing.T) {
	later(t)
	r := genRubric(t, 10)
	dir := cacheFolder(t, r, 100)
	cfg := &Config{Dir: dir}
	if got, want := readsOf(t, dir), 100; got != want {
		t.Errorf("files read with no cache = %d, want %d", got, want)
	}
	findAll(t, cfg, r, "first run")
	if got := readsOf(t, dir); got != 0 {
		t.Errorf("files read with the cache written = %d, want 0", got)
	}
	findAll(t, cfg, r, "second run")
	if got := paths(cfg.FindUnfinished(r, "Project 0")); len(got) != 7 || got[0] != "f-090.answers.yaml" {
		t.Errorf("Project 0: %v, want its 7 unfinished runs, newest first", got)
	}
}

// Odd entries give what they gave without the cache: a folder named like
// an answers file, links to a file and to nothing, a file that is not
// YAML, a file vitals did not write (decoded whole).
func TestHeaderCacheOddEntries(t *testing.T) {
	later(t)
	r := genRubric(t, 10)
	dir := cacheFolder(t, r, 100)
	for _, err := range []error{
		os.Mkdir(filepath.Join(dir, "folder.answers.yaml"), 0o755),
		os.Symlink("f-003.answers.yaml", filepath.Join(dir, "link.answers.yaml")),
		os.Symlink("nowhere", filepath.Join(dir, "dangling.answers.yaml")),
		os.WriteFile(filepath.Join(dir, "broken.answers.yaml"), []byte("format: [\n"), 0o644),
		os.WriteFile(filepath.Join(dir, "hand.answers.yaml"), []byte("answers: {}\nrubric: {id: gen-10}\nformat: 1\nproject: Project 3\ncomplete: false\n"), 0o644),
	} {
		if err != nil {
			t.Fatal(err)
		}
	}
	findAll(t, &Config{Dir: dir}, r, "first")
	findAll(t, &Config{Dir: dir}, r, "second")
	got := paths((&Config{Dir: dir}).FindUnfinished(r, "Project 3"))
	if !slices.Contains(got, "link.answers.yaml") || !slices.Contains(got, "hand.answers.yaml") {
		t.Errorf("Project 3: %v, want the link and the hand-written file among them", got)
	}
	// Only the broken entries are read again: the others were cached.
	if got, want := readsOf(t, dir), 3; got != want {
		t.Errorf("files read with the cache written = %d, want %d (the folder, the dangling link, the broken file)", got, want)
	}
}

// Every kind of change to a file is seen at the next run, however little
// of what the system says about the file it changes.
func TestHeaderCacheSeesChanges(t *testing.T) {
	later(t)
	r := genRubric(t, 10)
	for _, tc := range []struct {
		name   string
		change func(t *testing.T, path string)
	}{
		{"rewritten in place, same size, mtime set back", func(t *testing.T, path string) {
			// As an editor that writes in place and keeps the time, or
			// two saves in one second: only the change time differs.
			fi := stat(t, path)
			data := swapProject(t, path)
			changed(t, path, func() {
				f, err := os.OpenFile(path, os.O_WRONLY, 0)
				if err != nil {
					t.Fatal(err)
				}
				if _, err := f.WriteAt(data, 0); err != nil {
					t.Fatal(err)
				}
				f.Close()
				if err := os.Chtimes(path, fi.ModTime(), fi.ModTime()); err != nil {
					t.Fatal(err)
				}
			})
			if got := stat(t, path); got.Size() != fi.Size() || !got.ModTime().Equal(fi.ModTime()) || !os.SameFile(got, fi) {
				t.Fatalf("the rewrite changed size, mtime or inode: %v %v", got.Size(), got.ModTime())
			}
		}},
		{"replaced by rename, same size, mtime set back", func(t *testing.T, path string) {
			// An atomic save, or git checkout writing a new file.
			fi := stat(t, path)
			data := swapProject(t, path)
			changed(t, path, func() {
				tmp := filepath.Join(t.TempDir(), "new")
				if err := os.WriteFile(tmp, data, 0o644); err != nil {
					t.Fatal(err)
				}
				if err := os.Chtimes(tmp, fi.ModTime(), fi.ModTime()); err != nil {
					t.Fatal(err)
				}
				if err := os.Rename(tmp, path); err != nil {
					t.Fatal(err)
				}
			})
		}},
		{"edited in place, finished", func(t *testing.T, path string) {
			data := bytes.Replace(readFile(t, path), []byte("\ncomplete: false\n"), []byte("\ncomplete: true\n"), 1)
			changed(t, path, func() {
				f, err := os.OpenFile(path, os.O_WRONLY|os.O_TRUNC, 0)
				if err != nil {
					t.Fatal(err)
				}
				f.Write(data)
				f.Close()
			})
		}},
		{"removed", func(t *testing.T, path string) {
			if err := os.Remove(path); err != nil {
				t.Fatal(err)
			}
		}},
		{"made unreadable", func(t *testing.T, path string) {
			if os.Geteuid() == 0 {
				t.Skip("root reads any file")
			}
			if err := os.Chmod(path, 0); err != nil {
				t.Fatal(err)
			}
		}},
		{"a new file", func(t *testing.T, path string) {
			a := assessment.New(r, "Project 1", assessment.Respondent{}, since.Add(time.Hour))
			if err := os.WriteFile(filepath.Join(filepath.Dir(path), "new.answers.yaml"), a.Marshal(r), 0o644); err != nil {
				t.Fatal(err)
			}
		}},
	} {
		t.Run(tc.name, func(t *testing.T) {
			dir := cacheFolder(t, r, 100)
			cfg := &Config{Dir: dir}
			findAll(t, cfg, r, "before")
			// f-003 is an unfinished run of Project 3.
			tc.change(t, filepath.Join(dir, "f-003.answers.yaml"))
			findAll(t, cfg, r, "after")
			findAll(t, cfg, r, "after, again")
		})
	}
}

// swapProject returns the file at path with "Project 3" changed to
// "Project 1": the same length, another run.
func swapProject(t *testing.T, path string) []byte {
	t.Helper()
	data := readFile(t, path)
	out := bytes.Replace(data, []byte("project: Project 3\n"), []byte("project: Project 1\n"), 1)
	if bytes.Equal(out, data) {
		t.Fatal("no project to change")
	}
	return out
}

// changed runs change on the file at path until the system gives the
// file a new change time: two changes in one tick of the kernel's clock
// look alike, which the cache never meets, as it keeps only files
// unchanged for racyWindow (see TestHeaderCacheLeavesFreshFiles).
func changed(t *testing.T, path string, change func()) {
	t.Helper()
	st, err := openDirStat(filepath.Dir(path))
	if err != nil {
		t.Skip("no header cache on this system")
	}
	defer st.close()
	before, err := st.key(filepath.Base(path))
	if err != nil {
		t.Fatal(err)
	}
	for range 100 {
		change()
		if after, err := st.key(filepath.Base(path)); err == nil && after.ctime != before.ctime {
			return
		}
		time.Sleep(5 * time.Millisecond)
	}
	t.Fatal("the change time never changed")
}

func stat(t *testing.T, path string) os.FileInfo {
	t.Helper()
	fi, err := os.Stat(path)
	if err != nil {
		t.Fatal(err)
	}
	return fi
}

func readFile(t *testing.T, path string) []byte {
	t.Helper()
	data, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	return data
}

// A file that changed less than racyWindow ago is read, never cached:
// another change in the same clock tick would leave its stat as it was.
func TestHeaderCacheLeavesFreshFiles(t *testing.T) {
	r := genRubric(t, 10)
	dir := cacheFolder(t, r, 100)
	cfg := &Config{Dir: dir}
	findAll(t, cfg, r, "fresh files")
	if got := readsOf(t, dir); got != 100 {
		t.Errorf("files read = %d, want all 100: none is old enough to be cached", got)
	}
	later(t)
	findAll(t, cfg, r, "an hour on")
	if got := readsOf(t, dir); got != 0 {
		t.Errorf("files read = %d, want 0", got)
	}
}

// A missing, corrupt, foreign or unwritable cache is the same as none.
func TestHeaderCacheBadCacheFile(t *testing.T) {
	later(t)
	r := genRubric(t, 10)
	for _, tc := range []struct {
		name  string
		spoil func(t *testing.T, file string)
	}{
		{"garbage", func(t *testing.T, file string) { os.WriteFile(file, []byte("garbage\n"), 0o600) }},
		{"empty", func(t *testing.T, file string) { os.WriteFile(file, nil, 0o600) }},
		{"torn", func(t *testing.T, file string) {
			data := readFile(t, file)
			os.WriteFile(file, data[:len(data)/2], 0o600)
		}},
		{"a byte changed", func(t *testing.T, file string) {
			data := readFile(t, file)
			data[len(data)/2] ^= 1
			os.WriteFile(file, data, 0o600)
		}},
		{"a folder", func(t *testing.T, file string) {
			os.Remove(file)
			os.Mkdir(file, 0o700)
		}},
		{"cache folder read-only", func(t *testing.T, file string) {
			if os.Geteuid() == 0 {
				t.Skip("root writes anywhere")
			}
			os.Remove(file)
			os.Chmod(filepath.Dir(file), 0o500)
			t.Cleanup(func() { os.Chmod(filepath.Dir(file), 0o700) })
		}},
	} {
		t.Run(tc.name, func(t *testing.T) {
			dir := cacheFolder(t, r, 100)
			cfg := &Config{Dir: dir}
			findAll(t, cfg, r, "cache written")
			abs, _ := filepath.Abs(dir)
			file, err := cacheFileFor(abs)
			if err != nil {
				t.Fatal(err)
			}
			tc.spoil(t, file)
			// A change the cache must not hide.
			data := swapProject(t, filepath.Join(dir, "f-003.answers.yaml"))
			changed(t, filepath.Join(dir, "f-003.answers.yaml"), func() { os.WriteFile(filepath.Join(dir, "f-003.answers.yaml"), data, 0o644) })
			findAll(t, cfg, r, "cache spoilt")
			findAll(t, cfg, r, "again")
		})
	}
	t.Run("no cache folder", func(t *testing.T) {
		dir := cacheFolder(t, r, 100)
		old := userCacheDir
		userCacheDir = func() (string, error) { return "", os.ErrNotExist }
		defer func() { userCacheDir = old }()
		findAll(t, &Config{Dir: dir}, r, "no cache folder")
	})
}

// Finding runs adds no file to the assessments folder: `git add .` there
// picks up nothing new.
func TestHeaderCacheWritesNothingInFolder(t *testing.T) {
	later(t)
	r := genRubric(t, 10)
	dir := cacheFolder(t, r, 100)
	before := listAll(t, dir)
	findAll(t, &Config{Dir: dir}, r, "first")
	findAll(t, &Config{Dir: dir}, r, "second")
	if after := listAll(t, dir); !slices.Equal(after, before) {
		t.Errorf("folder holds %d names after, %d before", len(after), len(before))
	}
}

func listAll(t *testing.T, dir string) []string {
	t.Helper()
	f, err := os.Open(dir)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	names, err := f.Readdirnames(-1)
	if err != nil {
		t.Fatal(err)
	}
	slices.Sort(names)
	return names
}

// A cache file reads back as written, and any cut or other folder's file
// is refused.
func TestDecodeCache(t *testing.T) {
	entries := []cachedHeader{
		{name: "a.answers.yaml", key: fileKey{1, 2, 3, -4, 5}, rubric: "r", project: "P\nQ", respondent: assessment.Respondent{Name: "Ann", Role: "lead"}, updated: since.Unix(), updatedNsec: 5, complete: true},
		{name: "b.answers.yaml", key: fileKey{1 << 63, 1 << 40, 1 << 40, 1 << 62, -1 << 62}},
	}
	data := encodeCache("/x", entries)
	got, err := decodeCache(data, "/x")
	if err != nil || !slices.Equal(got, entries) {
		t.Fatalf("decode = %+v, %v; want %+v", got, err, entries)
	}
	for _, when := range []time.Time{{}, since, since.Add(time.Nanosecond), time.Date(3000, 1, 2, 3, 4, 5, 6, time.UTC)} {
		h := assessment.Header{Updated: when}
		if got := newCachedHeader("x", fileKey{}, h).header("x").Updated; !got.Equal(when) || got.IsZero() != when.IsZero() {
			t.Errorf("updated %v comes back as %v", when, got)
		}
	}
	if _, err := decodeCache(data, "/y"); err == nil {
		t.Error("another folder's cache was taken")
	}
	for n := range len(data) {
		if _, err := decodeCache(data[:n], "/x"); err == nil {
			t.Fatalf("cut at %d of %d bytes was taken", n, len(data))
		}
	}
}
