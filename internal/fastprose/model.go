package fastprose

import (
	"bytes"
	"encoding/gob"
	"errors"
	"fmt"
	"strings"
	"sync"

	"github.com/jdkato/prose/v2"
)

// Model holds prose's tagger and entity-classifier weights in interned,
// flat tables. A Model is immutable once built and safe for concurrent use.
type Model struct {
	voc     vocab
	tagger  tagger
	maxent  classifier
	emotes  map[string]bool
	emFirst [256]bool // first bytes of the emoticons
	emLast  [256]bool // last bytes of the emoticons
	prof    []tokInfo // what prepare computes for each vocabulary string
	scratch sync.Pool // *scratch
}

// Load builds the model from prose's embedded model files. It takes about
// half a second: build it once per process and share it (a Model is safe
// for concurrent use).
func Load() (*Model, error) {
	return build()
}

// ErrModelShape is returned by Load when prose's model files do not have
// the shape this package was written for.
var ErrModelShape = errors.New("fastprose: unexpected model shape")

// Names of prose's model files, as listed by prose.AssetNames.
const (
	assetTagClasses = "model/AveragedPerceptron/classes.gob"
	assetTagMap     = "model/AveragedPerceptron/tags.gob"
	assetTagWeights = "model/AveragedPerceptron/weights.gob"
	assetNELabels   = "model/Maxent/labels.gob"
	assetNEMapping  = "model/Maxent/mapping.gob"
	assetNEWeights  = "model/Maxent/weights.gob"
	assetNEWords    = "model/Maxent/words.gob"
)

// decodeAsset gob-decodes one of prose's embedded model files into v.
func decodeAsset(name string, v any) error {
	b, err := prose.Asset(name)
	if err != nil {
		return fmt.Errorf("fastprose: read %s: %w", name, err)
	}
	if err := gob.NewDecoder(bytes.NewReader(b)).Decode(v); err != nil {
		return fmt.Errorf("fastprose: decode %s: %w", name, err)
	}
	return nil
}

// taggerFiles is the decoded content of the perceptron tagger's files.
type taggerFiles struct {
	classes []string
	tagMap  map[string]string
	weights map[string]map[string]float64
}

// maxentFiles is the decoded content of the entity classifier's files.
type maxentFiles struct {
	labels  []string
	mapping map[string]int
	weights []float64
	words   []string
}

func readTaggerFiles() (taggerFiles, error) {
	var f taggerFiles
	if err := decodeAsset(assetTagClasses, &f.classes); err != nil {
		return f, err
	}
	if err := decodeAsset(assetTagMap, &f.tagMap); err != nil {
		return f, err
	}
	err := decodeAsset(assetTagWeights, &f.weights)
	return f, err
}

func readMaxentFiles() (maxentFiles, error) {
	var f maxentFiles
	if err := decodeAsset(assetNELabels, &f.labels); err != nil {
		return f, err
	}
	if err := decodeAsset(assetNEMapping, &f.mapping); err != nil {
		return f, err
	}
	if err := decodeAsset(assetNEWeights, &f.weights); err != nil {
		return f, err
	}
	err := decodeAsset(assetNEWords, &f.words)
	return f, err
}

// build decodes prose's model files and compiles them into a Model. The
// entity classifier's files are decoded and split up while the tagger's
// are decoded and compiled.
func build() (*Model, error) {
	m := &Model{voc: newVocab(), emotes: map[string]bool{}}
	var (
		mf   maxentFiles
		merr error
		done = make(chan struct{})
	)
	go func() {
		defer close(done)
		if mf, merr = readMaxentFiles(); merr == nil {
			merr = m.maxent.decompose(mf)
		}
	}()
	tf, err := readTaggerFiles()
	if err == nil {
		err = m.tagger.compile(&m.voc, tf)
	}
	<-done
	if err != nil {
		return nil, err
	}
	if merr != nil {
		return nil, merr
	}
	if err := m.maxent.compile(&m.voc, &m.tagger, mf); err != nil {
		return nil, err
	}
	for _, e := range strings.Split(emoticonData, " ") {
		m.emotes[e] = true
		m.emFirst[e[0]] = true
		m.emLast[e[len(e)-1]] = true
	}
	// Every string is interned now: profile them all, so that a token
	// the models know costs one lookup.
	m.prof = make([]tokInfo, len(m.voc.ents))
	for w, id := range m.voc.index {
		if w != "" {
			m.prof[id] = m.profile(w, id)
		}
	}
	m.scratch.New = func() any { return new(scratch) }
	return m, nil
}

// vocab interns every string the two models look up by value: words,
// lower-cased and normalised words, suffixes and prefixes. Each string has
// one entry holding its row in every feature table where it occurs. Entry 0
// stands for every string the models do not know: all its rows are -1.
type vocab struct {
	index map[string]int32
	ents  []vocabEntry
}

// vocabEntry is what the models know about one string. Rows are -1 where
// the string has no weights.
type vocabEntry struct {
	tagMap int16    // tag the tagger's lexicon fixes for the string as a word, or -1
	basic  bool     // the string is in the entity classifier's basic word list
	tw     [5]int32 // tagger rows as the word at i, i-1, i-2, i+1, i+2
	ts     [3]int32 // tagger rows as the suffix of the word at i, i-1, i+1
	me     [6]int32 // classifier rows, see the me* constants
	wnp    [2]int32 // the string's "word+nextpos" rows: classifier.wnp[wnp[0]:wnp[1]]
}

// Roles of a vocabulary string in the entity classifier (vocabEntry.me).
const (
	meWord     = iota // the word itself
	meLower           // the lower-cased word
	mePrevWord        // the lower-cased previous word
	meNextWord        // the lower-cased next word
	mePrefix3         // the lower-cased first three bytes
	meSuffix3         // the lower-cased last three bytes
)

func newVocab() vocab {
	v := vocab{index: make(map[string]int32, 1<<17)}
	v.ents = append(v.ents, blankEntry())
	return v
}

// blankEntry is an entry with no rows.
func blankEntry() vocabEntry {
	e := vocabEntry{tagMap: -1}
	for i := range e.tw {
		e.tw[i] = -1
	}
	for i := range e.ts {
		e.ts[i] = -1
	}
	for i := range e.me {
		e.me[i] = -1
	}
	return e
}

// add returns the id of s, interning it if it is new.
func (v *vocab) add(s string) int32 {
	if id, ok := v.index[s]; ok {
		return id
	}
	id := int32(len(v.ents))
	v.index[s] = id
	v.ents = append(v.ents, blankEntry())
	return id
}

// lookup returns the id of s, or 0 (the id of the entry with no rows).
func (v *vocab) lookup(s string) int32 {
	return v.index[s]
}
