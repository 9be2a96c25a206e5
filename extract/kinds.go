package extract

import (
	"github.com/newsgraph/newsgraph/internal/relit"
)

// Cues of how a breach happened and of how sure its article is of it.
var (
	insiderRe    = relit.MustCompile(`(?i)\b(?:insiders?|(?:former|rogue|disgruntled|ex-)\s*(?:employee|member of staff|staff member|worker|contractor)s?|(?:an?|one) (?:employee|member of staff|staff member) (?:who )?(?:accessed|took|downloaded|copied|leaked|stole|sold|emailed))\b`)
	stuffingRe   = relit.MustCompile(`(?i)\b(?:credential[- ]stuffing|password reuse|reused passwords|brute[- ]force)\b`)
	misconfigRe  = relit.MustCompile(`(?i)\b(?:misconfigur\w*|unsecured|unprotected|publicly accessible|left (?:exposed|open|unprotected)|without (?:a )?password|(?:open|exposed) to the (?:internet|public)|no password|s3 buckets?|open (?:database|server|elasticsearch)|exposed (?:database|server))\b`)
	ransomwareRe = relit.MustCompile(`(?i)\b(?:ransomware|ransom (?:note|demand|payment)|held to ransom|encrypted (?:files|systems|servers|data)|extortion)\b`)
	deniedRe     = relit.MustCompile(`(?i)\b(?:denied|denies|deny|no evidence (?:that|of)|(?:was|were|has not been|have not been|had not been) not (?:hacked|breached|compromised)|(?:has|have|had) not been (?:hacked|breached|compromised)|(?:disputed|disputes|rejected) (?:the )?claims?)\b`)
	claimedRe    = relit.MustCompile(`(?i)\b(?:claimed (?:responsibility|to have|that it had|they had)|claims? to have|claiming to have|(?:hackers?|group|gang|attackers?) (?:say|said|says|claim|claimed|claims) (?:they|it) (?:had|have|has)?)\b`)
	suspectedRe  = relit.MustCompile(`(?i)\b(?:may have|might have|could have|possible|possibly|potential|potentially|suspected|believed to|appears to|investigating|looking into|not yet (?:known|clear)|unclear whether)\b`)
	confirmedRe  = relit.MustCompile(`(?i)\b(?:confirmed|confirms|admitted|admits|acknowledged|disclosed|announced|notified|notifying|revealed|apologi[sz]ed|has been (?:hacked|breached)|was (?:hacked|breached)|were (?:stolen|accessed|exposed|leaked|compromised)|was (?:stolen|accessed|exposed|leaked|compromised)|suffered)\b`)
)

// breachCues are what a frame's sentences say of its kind and status.
type breachCues struct {
	insider, stuffing, misconfig, ransomware bool
	denied, claimed, suspected, confirmed    bool
}

// read notes the cues of one sentence, reading only what could still
// change the breach's kind and status.
func (c *breachCues) read(text string) {
	if !c.insider {
		c.insider = insiderRe.MatchString(text)
		if !c.insider {
			c.stuffing = c.stuffing || stuffingRe.MatchString(text)
			c.misconfig = c.misconfig || misconfigRe.MatchString(text)
			c.ransomware = c.ransomware || ransomwareRe.MatchString(text)
		}
	}
	if !c.confirmed {
		if c.confirmed = confirmedRe.MatchString(text); !c.confirmed {
			c.claimed = c.claimed || claimedRe.MatchString(text)
			c.denied = c.denied || deniedRe.MatchString(text)
			c.suspected = c.suspected || suspectedRe.MatchString(text)
		}
	}
}

// kindOf names how the breach of f happened, "" when its article does not say.
func kindOf(f *breachFrame) BreachKind {
	c := f.cues
	switch {
	case c.insider:
		return KindInsider
	case c.stuffing:
		return KindCredentialStuffing
	case c.misconfig:
		return KindMisconfiguration
	case c.ransomware:
		return KindRansomware
	case f.via >= 0:
		return KindSupplierBreach
	case f.cause == causeLoss:
		return KindLostDevice
	case f.cause == causeDisclosure:
		return KindMistakenDisclosure
	case f.cause == causeHack:
		return KindHack
	}
	return ""
}

// statusOf says how sure the article is of the breach of f: confirmed by
// the victim, claimed by the attackers, denied, or suspected.
func statusOf(f *breachFrame) BreachStatus {
	c := f.cues
	switch {
	case c.confirmed:
		return StatusConfirmed
	case c.claimed:
		return StatusClaimed
	case c.denied:
		return StatusDenied
	case c.suspected:
		return StatusSuspected
	}
	return StatusConfirmed
}
