package extract

import (
	"context"
	"testing"

	"github.com/newsgraph/newsgraph/internal/polnear"
)

// TestReportedClassifier_devAccuracy measures the reported-speech
// classifier on PolNeAR dev: the share of candidate sentences it labels
// as the gold does (reported speech by the candidate's speaker or not),
// against the rules' reading of the same sentences.
func TestReportedClassifier_devAccuracy(t *testing.T) {
	ctx := context.Background()
	_, arts := polnearDev(t)
	x := New(Config{})
	m := x.model.reported
	if m == nil {
		t.Fatal("no reported-speech classifier embedded")
	}
	n, right, rule := 0, 0, 0
	var p []float64
	for _, a := range arts {
		chs, err := x.ReportedChoices(ctx, a.Article)
		if err != nil {
			t.Fatalf("%s: %v", a.Article.ID, err)
		}
		for _, ch := range chs {
			gold := polnear.ReportedGold(a, polnear.Span{Start: ch.Sentence.Start, End: ch.Sentence.End},
				polnear.Span{Start: ch.Mention.Start, End: ch.Mention.End})
			p = m.Probs(ch.Features, p)
			n++
			if (p[reportedYes] >= 0.5) == gold {
				right++
			}
			if ch.Rule == gold {
				rule++
			}
		}
	}
	acc, ruleAcc := float64(right)/float64(max(1, n)), float64(rule)/float64(max(1, n))
	t.Logf("dev: %d sentences, classifier accuracy %.3f, rules %.3f", n, acc, ruleAcc)
	if acc < 0.78 || acc < ruleAcc+0.05 {
		t.Errorf("classifier accuracy %.3f on PolNeAR dev, want >= 0.78 and 0.05 above the rules' %.3f", acc, ruleAcc)
	}
	if n < 300 {
		t.Errorf("only %d dev sentences, want >= 300 (is the alignment broken?)", n)
	}
}
