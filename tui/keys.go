package tui

import (
	"charm.land/bubbles/v2/key"
	"charm.land/huh/v2"
)

// keyMap holds every key the root handles itself; the embedded forms bring
// their own (arrows, enter, space…), shown alongside in the help line.
type keyMap struct {
	Back key.Binding
	Note key.Binding
	Help key.Binding
	// HelpF1 opens the full key list where ? is typed into a field.
	HelpF1   key.Binding
	Quit     key.Binding
	Up       key.Binding
	Down     key.Binding
	PageUp   key.Binding
	PageDown key.Binding
	Edit     key.Binding
	Results  key.Binding
	Review   key.Binding
	Save     key.Binding
	// Finish ends a participant's run over SSH at the results: the
	// report is the facilitator's, written on the server.
	Finish   key.Binding
	Yes      key.Binding
	No       key.Binding
	Exit     key.Binding
	Read     key.Binding
	ReviewAt key.Binding
}

func newKeyMap() keyMap {
	return keyMap{
		Back:     key.NewBinding(key.WithKeys("esc", "shift+tab"), key.WithHelp("esc", "back")),
		Note:     key.NewBinding(key.WithKeys("ctrl+n"), key.WithHelp("ctrl+n", "add note")),
		Help:     key.NewBinding(key.WithKeys("?", "f1"), key.WithHelp("?", "keys")),
		HelpF1:   key.NewBinding(key.WithKeys("f1"), key.WithHelp("f1", "keys")),
		Quit:     key.NewBinding(key.WithKeys("ctrl+c"), key.WithHelp("ctrl+c", "quit")),
		Up:       key.NewBinding(key.WithKeys("up", "k"), key.WithHelp("↑/k", "up")),
		Down:     key.NewBinding(key.WithKeys("down", "j"), key.WithHelp("↓/j", "down")),
		PageUp:   key.NewBinding(key.WithKeys("pgup", "b"), key.WithHelp("pgup", "page up")),
		PageDown: key.NewBinding(key.WithKeys("pgdown", "f", "space"), key.WithHelp("pgdn", "page down")),
		Edit:     key.NewBinding(key.WithKeys("enter"), key.WithHelp("enter", "edit answer")),
		Results:  key.NewBinding(key.WithKeys("r", "tab"), key.WithHelp("r", "results")),
		Review:   key.NewBinding(key.WithKeys("esc", "e"), key.WithHelp("esc", "review answers")),
		Save:     key.NewBinding(key.WithKeys("s", "enter"), key.WithHelp("s", "save report")),
		Finish:   key.NewBinding(key.WithKeys("enter"), key.WithHelp("enter", "finish (your answers are saved)")),
		Yes:      key.NewBinding(key.WithKeys("y", "Y"), key.WithHelp("y", "yes")),
		No:       key.NewBinding(key.WithKeys("n", "N", "esc"), key.WithHelp("n", "no")),
		Exit:     key.NewBinding(key.WithKeys("enter", "q", "esc"), key.WithHelp("enter", "exit")),
		Read:     key.NewBinding(key.WithKeys("ctrl+o"), key.WithHelp("ctrl+o", "read all")),
		ReviewAt: key.NewBinding(key.WithKeys("ctrl+r"), key.WithHelp("ctrl+r", "review answers")),
	}
}

// helpKeys is one screen's keys for bubbles/help: a short line, and
// columns for the full help that ? opens.
type helpKeys struct {
	short []key.Binding
	full  [][]key.Binding
}

func (h helpKeys) ShortHelp() []key.Binding  { return h.short }
func (h helpKeys) FullHelp() [][]key.Binding { return h.full }

// formKeyMap is huh's key map without the keys the root owns: ctrl+n adds a
// note, esc and shift+tab go back, / is not needed on short option lists,
// and ctrl+c asks before quitting.
func formKeyMap() *huh.KeyMap {
	km := huh.NewDefaultKeyMap()
	km.Quit.SetEnabled(false)
	km.Select.Down.SetKeys("down", "j", "ctrl+j")
	km.MultiSelect.Down.SetKeys("down", "j")
	km.Select.Filter.SetEnabled(false)
	km.MultiSelect.Filter.SetEnabled(false)
	km.Select.Prev.SetEnabled(false)
	km.MultiSelect.Prev.SetEnabled(false)
	km.Input.Prev.SetEnabled(false)
	km.Text.Prev.SetEnabled(false)
	km.Text.Editor.SetEnabled(false)
	km.Text.NewLine.SetHelp("alt+enter", "new line")
	km.MultiSelect.Toggle.SetHelp("space", "toggle")
	return km
}
