import AIGovKit
import Foundation
import Testing

/// A command that must be refused: its exit status, a fragment of its message, and the promise
/// that the database is exactly as it was.
struct BadInput: CustomTestStringConvertible, Sendable {
  var arguments: [String]
  var status: Int32
  var message: String

  init(_ arguments: String..., status: Int32, message: String) {
    self.arguments = arguments
    self.status = status
    self.message = message
  }

  var testDescription: String { "aigov " + arguments.joined(separator: " ") }
}

@Suite struct BadInputTests {
  static let newFeature = [
    "--name", "New", "--purpose", "p", "--owner", "o", "--serving", "account-only", "--training",
    "none",
  ]

  static let cases: [BadInput] = [
    // feature add
    BadInput(
      "feature", "add", "x1", "--category", "generative", "--name", "n", "--purpose", "p",
      "--owner", "o", "--serving", "account-only", "--training", "none",
      "--documentation-url", "javascript:alert(1)", status: 65,
      message:
        "error: invalid feature documentation url 'javascript:alert(1)': does not start with "
        + "https://; it takes an https URL, such as https://help.example.com/ai"),
    BadInput(
      "feature", "edit", "email-ai", "--documentation-url", "https://x/\"><script>", status: 65,
      message:
        "error: invalid feature documentation url 'https://x/\"><script>': holds '\"' "
        + "(U+0022), which a URL writes percent-encoded"),
    BadInput(
      "feature", "add", "x1", "--category", "genAI", "--name", "n", "--purpose", "p",
      "--owner", "o", "--serving", "account-only", "--training", "none", status: 64,
      message:
        "'genAI' is invalid for '--category <category>'. Please provide one of 'agentic', 'predictive', 'generative' or 'automation'"
    ),
    BadInput(
      "feature", "add", "email-ai", "--category", "generative", "--name", "n", "--purpose",
      "p", "--owner", "o", "--serving", "account-only", "--training", "none", status: 65,
      message: "error: a feature with key 'email-ai' already exists"),
    BadInput(
      "feature", "add", "x1", "--category", "generative", "--name", "n", "--purpose", "p",
      "--serving", "account-only", "--training", "none", status: 64,
      message: "Missing expected argument '--owner <owner>'"),
    BadInput(
      "feature", "add", "Bad_Key", "--category", "generative", "--name", "n", "--purpose",
      "p", "--owner", "o", "--serving", "account-only", "--training", "none", status: 65,
      message: "error: invalid key 'Bad_Key' (expected 2-64 lowercase letters"),
    BadInput(
      "feature", "add", "x1", "--category", "predictive", "--name", "n", "--purpose", "p",
      "--owner", "o", "--training", "aggregated", status: 64,
      message: "missing --serving: say how serving a customer uses data (account-only, "
        + "cross-account)"),
    BadInput(
      "feature", "add", "x1", "--category", "predictive", "--name", "n", "--purpose", "p",
      "--owner", "o", "--serving", "account-only", "--training", "pooled", status: 64,
      message: "invalid training use 'pooled' (expected none, or one or more of: account-only, "
        + "aggregated, de-identified, anonymised, synthetic)"),
    BadInput(
      "feature", "add", "x1", "--category", "predictive", "--name", "n", "--purpose", "p",
      "--owner", "o", "--serving", "account-only", "--training", "none,synthetic", status: 64,
      message: "invalid training use 'none,synthetic' (expected none, or one or more of"),
    BadInput(
      "feature", "edit", "email-ai", "--kept-data", "outputs,logs", status: 64,
      message: "invalid kept data 'outputs,logs' (expected none, or one or more of: outputs, "
        + "embeddings, models, separated by commas; an empty value clears it)"),
    BadInput(
      "feature", "edit", "email-ai", "--adaptation", "fine-tuning,telepathy", status: 64,
      message: "invalid adaptation 'fine-tuning,telepathy' (expected none, or one or more of: "
        + "fine-tuning, retrieval-index, embeddings"),
    BadInput(
      "feature", "edit", "email-ai", "--kept-deletion", "never", status: 64,
      message: "invalid kept deletion 'never' (expected none, or one or more of: with-account, "
        + "on-request"),
    BadInput(
      "feature", "edit", "email-ai", "--adaptation-consent", "maybe", status: 64,
      message: "'maybe' is invalid for '--adaptation-consent <adaptation-consent>'"),
    BadInput(
      "feature", "edit", "email-ai", "--account-switch", "off", status: 64,
      message: "'off' is invalid for '--account-switch <account-switch>'"),
    BadInput(
      "feature", "edit", "email-ai", "--kept-data", "outputs", "--kept-where", "x\u{1B}[2J",
      status: 65, message: "invalid feature kept where 'x‹U+001B›[2J': holds the control"),
    BadInput(
      "feature", "edit", "email-ai", "--adaptation-consent", "customer-enables", status: 65,
      message: "invalid adaptation consent 'customer-enables' (expected none: the feature adapts "
        + "nothing to an account"),
    BadInput(
      "feature", "edit", "email-ai", "--provider-choice", "random", status: 64,
      message: "'random' is invalid for '--provider-choice <provider-choice>'"),
    BadInput(
      "feature", "edit", "email-ai", "--kept-days", "0", status: 65,
      message: "invalid kept days '0' (expected an integer from 1 to 3650)"),
    BadInput(
      "feature", "add", "x1", "--category", "predictive", "--name", "n", "--purpose", "p",
      "--owner", "o", "--serving", "account-only", "--training", "none", "--audience", "public",
      status: 64, message: "'public' is invalid for '--audience <audience>'"),
    BadInput(
      "feature", "add", "x1", "--category", "predictive", "--name", "n", "--purpose", "p",
      "--owner", "o", "--serving", "account-only", "--training", "none", "--final-say", "bot",
      status: 64, message: "'bot' is invalid for '--final-say <final-say>'"),
    BadInput(
      "feature", "add", "x1", "--category", "generative", "--name", "n", "--purpose", "p",
      "--owner", "o", "--serving", "account-only", "--training", "none", "--data-category", "dna",
      status: 64,
      message: "'dna' is invalid for '--data-category <data-category>'"),
    BadInput(
      "feature", "add", "x1", "--category", "generative", "--name", " ", "--purpose", "p",
      "--owner", "o", "--serving", "account-only", "--training", "none", status: 65,
      message: "error: missing name: it must not be empty"),
    BadInput(
      "feature", "add", "x1", "--category", "generative", "--name", "Evil\u{1B}[2J", "--purpose",
      "p", "--owner", "o", "--serving", "account-only", "--training", "none", status: 65,
      message:
        "error: invalid feature name 'Evil‹U+001B›[2J': holds the control character (U+001B) at "
        + "character 5; it takes one line of at most 200 characters"),
    BadInput(
      "feature", "edit", "email-ai", "--name", String(repeating: "n", count: 100_000), status: 65,
      message: "…': 100000 characters, over the limit of 200"),
    BadInput(
      "feature", "edit", "email-ai", "--description", "one\r\ntwo", status: 65,
      message: "holds a carriage return (U+000D) at character 4; write line breaks as a line feed"),
    BadInput(
      "provider", "edit", "openai", "--name", "Open\u{202E}IA", status: 65,
      message: "holds a bidirectional formatting character (U+202E) at character 5"),
    BadInput(
      "feature", "edit", "email-ai", "--purpose", "changed", "--actor", "a\nb", status: 65,
      message: "error: invalid audit event actor 'a‹U+000A›b': holds a line break or tab"),
    // feature list / show
    BadInput(
      "feature", "list", "--status", "live", status: 64,
      message: "'live' is invalid for '--status <status>'"),
    BadInput(
      "feature", "list", "--provider", "nope", status: 1, message: "error: no provider 'nope'"),
    BadInput(
      "feature", "list", "--training", "some", status: 64,
      message: "'some' is invalid for '--training <training>'"),
    BadInput(
      "feature", "show", "nope", status: 1,
      message: "error: no feature 'nope' (see 'aigov feature list')"),
    BadInput(
      "feature", "list", "--format", "xml", status: 64,
      message: "'xml' is invalid for '--format <format>'"),
    // feature edit
    BadInput(
      "feature", "edit", "nope", "--owner", "x", status: 1, message: "error: no feature 'nope'"),
    BadInput("feature", "edit", "email-ai", status: 64, message: "nothing to change"),
    BadInput(
      "feature", "edit", "email-ai", "--owner", "x", "--expected-version", "1", status: 1,
      message: "error: feature 'email-ai' is at version"),
    BadInput(
      "feature", "edit", "email-ai", "--review-interval-days", "0", status: 65,
      message: "error: invalid review interval (days) '0' (expected an integer from 1 to 3650)"),
    BadInput(
      "feature", "edit", "email-ai", "--min-group-size", "5", status: 65,
      message:
        "error: invalid minimum group size '5' (expected none: only data used across accounts "
        + "(serving cross-account, or training aggregated or de-identified) has a group size)"),
    BadInput(
      "feature", "edit", "churn-risk", "--min-group-size", "1", status: 65,
      message: "error: invalid minimum group size '1' (expected an integer from 2 to 1000000)"),
    BadInput(
      "feature", "edit", "email-ai", "--customer-control", "sometimes", status: 64,
      message: "'sometimes' is invalid for '--customer-control <customer-control>'. Please "
        + "provide one of 'opt-in', 'opt-out', 'always-on', 'optional' or 'not-stated'"),
    // feature link-provider / unlink-provider / retire
    BadInput(
      "feature", "link-provider", "email-ai", "nope", status: 1,
      message: "error: no provider 'nope'"),
    BadInput(
      "feature", "link-provider", "nope", "openai", status: 1, message: "error: no feature 'nope'"),
    BadInput(
      "feature", "link-provider", "email-ai", "openai", "--model", "gpt-4o", status: 1,
      message: "error: feature 'email-ai' already uses provider 'openai' with model 'gpt-4o'"),
    BadInput(
      "feature", "unlink-provider", "email-ai", "gemini", "--model", "nope", status: 1,
      message: "error: feature 'email-ai' does not use provider 'gemini' with model 'nope'"),
    BadInput(
      "feature", "unlink-provider", "email-ai", status: 64,
      message: "Missing expected argument '<provider>'"),
    BadInput("feature", "retire", "nope", status: 1, message: "error: no feature 'nope'"),
    // provider
    BadInput(
      "provider", "add", "openai", "--name", "OpenAI", "--kind", "llm", status: 65,
      message: "error: a provider with key 'openai' already exists"),
    BadInput(
      "provider", "add", "mistral", "--name", "Mistral", "--kind", "cloud", status: 64,
      message: "'cloud' is invalid for '--kind <kind>'"),
    BadInput(
      "provider", "add", "mistral", "--name", "Mistral", "--kind", "llm", "--dpa", "maybe",
      status: 64, message: "'maybe' is invalid for '--dpa <dpa>'"),
    BadInput(
      "provider", "add", "mistral", "--name", "Mistral", "--kind", "llm", "--dpa", "no",
      "--dpa-reference", "DPA-9", status: 65,
      message: "error: invalid DPA 'no' (expected yes: 'DPA-9' describes an agreement in place)"),
    BadInput(
      "provider", "add", "mistral", "--name", "Mistral", "--kind", "llm", "--served-through",
      "nope", status: 1, message: "error: no provider 'nope'"),
    BadInput(
      "provider", "edit", "openai", "--served-through", "openai", status: 65,
      message: "error: invalid served through 'openai' (expected a provider other than 'openai' "
        + "that is not itself served through it)"),
    BadInput(
      "provider", "add", "mistral", "--name", "Mistral", "--kind", "llm", "--dpa-reference",
      "ref\u{202E}x", status: 65,
      message: "error: invalid provider dpa reference 'ref‹U+202E›x': holds a bidirectional"),
    BadInput(
      "mitigation", "edit", "1", "--public-statement", "We \u{1B}[2J promise", status: 65,
      message: "error: invalid mitigation public statement 'We ‹U+001B›[2J promise': holds the "
        + "control character (U+001B)"),
    BadInput(
      "config", "set", "public.security", "Certified\u{202E}", status: 65,
      message: "error: invalid setting public.security 'Certified‹U+202E›': holds a "
        + "bidirectional formatting character"),
    BadInput(
      "config", "set", "check.unstated-group-size", "fatal", status: 65,
      message: "error: invalid check.unstated-group-size 'fatal' (expected one of: error, warning)"),
    BadInput(
      "report", "public", "--changes-since", "June", status: 64,
      message: "invalid --changes-since 'June' (expected a day like 2026-06-02)"),
    BadInput(
      "provider", "add", "mistral", "--name", "Mistral", "--kind", "llm", "--dpa-signed-on",
      "2024-02-30", status: 65,
      message:
        "error: invalid DPA signing day '2024-02-30' (expected a calendar day written YYYY-MM-DD)"),
    BadInput(
      "provider", "add", "mistral", "--name", "Mistral", "--kind", "llm",
      "--retention-days=-3", status: 65,
      message: "error: invalid retention (days) '-3' (expected an integer from 0 to 36500)"),
    BadInput("provider", "show", "nope", status: 1, message: "error: no provider 'nope'"),
    BadInput(
      "provider", "edit", "nope", "--notes", "x", status: 1, message: "error: no provider 'nope'"),
    BadInput("provider", "edit", "openai", status: 64, message: "nothing to change"),
    BadInput(
      "provider", "edit", "openai", "--retention-days", "forever", status: 64,
      message: "invalid --retention-days 'forever' (expected a number of days or 'unknown')"),
    // risk
    BadInput(
      "risk", "add", "email-ai", "--title", "t", "--category", "privacy", "--likelihood",
      "6", "--impact", "3", "--owner", "o", status: 65,
      message: "error: invalid likelihood '6' (expected an integer from 1 to 5)"),
    BadInput(
      "risk", "add", "email-ai", "--title", "t", "--category", "privacy", "--likelihood",
      "2", "--impact", "0", "--owner", "o", status: 65,
      message: "error: invalid impact '0' (expected an integer from 1 to 5)"),
    BadInput(
      "risk", "add", "nope", "--title", "t", "--category", "privacy", "--likelihood", "2",
      "--impact", "2", "--owner", "o", status: 1, message: "error: no feature 'nope'"),
    BadInput(
      "risk", "add", "email-ai", "--title", "t", "--category", "gossip", "--likelihood",
      "2", "--impact", "2", "--owner", "o", status: 64,
      message: "'gossip' is invalid for '--category <category>'"),
    BadInput(
      "risk", "add", "email-ai", "--title", "t", "--category", "privacy", "--likelihood",
      "2", "--impact", "2", "--owner", "o", "--residual-likelihood", "1", status: 65,
      message: "error: missing residual impact"),
    BadInput(
      "risk", "add", "email-ai", "--category", "privacy", "--likelihood", "2", "--impact",
      "2", "--owner", "o", status: 64, message: "Missing expected argument '--title <title>'"),
    BadInput("risk", "list", "--feature", "nope", status: 1, message: "error: no feature 'nope'"),
    BadInput(
      "mitigation", "list", "--feature", "nope", status: 1, message: "error: no feature 'nope'"),
    BadInput("mitigation", "list", "--risk", "999", status: 1, message: "error: no risk '999'"),
    BadInput(
      "mitigation", "list", "--status", "done", status: 64,
      message: "The value 'done' is invalid for '--status <status>'"),
    BadInput(
      "risk", "list", "--level", "extreme", status: 64,
      message: "'extreme' is invalid for '--level <level>'"),
    BadInput(
      "risk", "edit", "9999", "--status", "closed", status: 1, message: "error: no risk '9999'"),
    BadInput(
      "risk", "edit", "1", "--impact", "9", status: 65, message: "error: invalid impact '9'"),
    BadInput(
      "risk", "edit", "one", "--impact", "2", status: 64, message: "'one' is invalid for '<id>'"),
    // mitigation
    BadInput(
      "mitigation", "add", "9999", "--title", "t", "--kind", "process", "--owner", "o",
      status: 1, message: "error: no risk '9999'"),
    BadInput(
      "mitigation", "add", "1", "--title", "t", "--kind", "magic", "--owner", "o",
      status: 64, message: "'magic' is invalid for '--kind <kind>'"),
    BadInput(
      "mitigation", "add", "1", "--title", "t", "--kind", "process", "--owner", "o",
      "--due-on", "2026-13-01", status: 65,
      message: "error: invalid due day '2026-13-01' (expected a calendar day written YYYY-MM-DD)"),
    BadInput(
      "mitigation", "edit", "9999", "--status", "verified", status: 1,
      message: "error: no mitigation '9999'"),
    BadInput(
      "mitigation", "edit", "1", "--status", "done", status: 64,
      message: "'done' is invalid for '--status <status>'"),
    // reviewer
    BadInput(
      "reviewer", "add", "priya", "--name", "P", "--email", "p@example.com",
      "--discipline", "product", status: 65,
      message: "error: a reviewer with key 'priya' already exists"),
    BadInput(
      "reviewer", "add", "sam", "--name", "Sam", "--email", "sam@example.com", status: 65,
      message:
        "error: missing discipline: a reviewer signs for at least one of: product, engineering, legal, privacy, security"
    ),
    BadInput(
      "reviewer", "add", "sam", "--name", "Sam", "--email", "sam.example.com",
      "--discipline", "legal", status: 65, message: "error: invalid email 'sam.example.com'"),
    BadInput(
      "reviewer", "add", "sam", "--name", "Sam", "--email", "sam@example.com",
      "--discipline", "finance", status: 64,
      message: "'finance' is invalid for '--discipline <discipline>'"),
    // review
    BadInput("review", "open", "nope", status: 1, message: "error: no feature 'nope'"),
    BadInput(
      "review", "open", "email-ai", status: 1,
      message: "error: feature 'email-ai' already has an open review round (round 3"),
    BadInput(
      "review", "open", "send-time-v1", status: 1,
      message: "error: feature 'send-time-v1' is retired; a retired feature is not reviewed"),
    BadInput(
      "review", "sign", "email-ai", "--decision", "maybe", status: 64,
      message: "'maybe' is invalid for '--decision <decision>'"),
    BadInput(
      "review", "sign", "email-ai", "--decision", "approve", status: 1,
      message: "error: 'tester' is not a registered reviewer, so cannot sign off"),
    BadInput(
      "review", "sign", "email-ai", "--decision", "approve", "--actor", "priya", status: 1,
      message:
        "error: reviewer 'priya' owns or owned feature 'email-ai' during this round and cannot sign off on it (separation of duties)"
    ),
    BadInput(
      "review", "sign", "email-ai", "--decision", "approve", "--actor", "elena", status: 1,
      message: "error: reviewer 'elena' has a registered signing key (fingerprint "),
    BadInput(
      "review", "sign", "email-ai", "--decision", "approve", "--actor", "elena", "--key",
      "missing.pem", status: 66, message: "error: cannot use 'missing.pem': no such file"),
    BadInput(
      "review", "sign", "email-ai", "--decision", "approve", "--actor", "elena", "--key",
      "aigov.sqlite", status: 65,
      message: "error: cannot use 'aigov.sqlite': it is not a PEM private key"),
    BadInput(
      "review", "sign", "email-ai", "--decision", "approve", "--actor", "tom", "--discipline",
      "security", status: 1,
      message:
        "error: reviewer 'tom' does not hold the security discipline (they sign for: privacy)"),
    BadInput(
      "review", "sign", "email-ai", "--decision", "approve", "--actor", "jordan", status: 65,
      message:
        "error: missing discipline: reviewer 'jordan' signs for privacy, security; say which with --discipline"
    ),
    BadInput(
      "review", "sign", "brand-voice-ai", "--decision", "approve", "--actor", "tom", status: 1,
      message: "error: feature 'brand-voice-ai' has no open review round"),
    BadInput(
      "review", "sign", "email-ai", "--decision", "reject", "--actor", "tom", status: 65,
      message: "error: missing comment: a decision to reject says why (--comment)"),
    BadInput("review", "status", "nope", status: 1, message: "error: no feature 'nope'"),
    // feature set-status
    BadInput(
      "feature", "set-status", "email-ai", "approved", status: 1,
      message: "error: a feature is approved only by a review round"),
    BadInput(
      "feature", "set-status", "customer-agent", "launched", status: 1,
      message:
        "error: feature 'customer-agent' cannot launch: 1 high or critical risk has no implemented or verified mitigation: #"
    ),
    BadInput(
      "feature", "set-status", "email-ai", "launched", status: 1,
      message: "error: feature 'email-ai' is in-review: only an approved feature can be launched"),
    BadInput(
      "feature", "set-status", "send-time-v1", "suspended", status: 1,
      message: "error: feature 'send-time-v1' is retired, and a retired feature stays retired"),
    BadInput(
      "feature", "set-status", "email-ai", "paused", status: 64,
      message: "'paused' is invalid for '<status>'"),
    // config
    BadInput(
      "config", "set", "review.required-disciplines", "legal,finance", status: 65,
      message: "error: invalid review.required-disciplines 'finance' (expected one of: product"),
    BadInput(
      "config", "set", "check.min-aggregation-size", "1", status: 65,
      message:
        "error: invalid check.min-aggregation-size '1' (expected an integer from 2 to 1000000)"),
    BadInput(
      "statement", "add", "x1", "--section", "nope", "--title", "t", "--body", "b", status: 64,
      message: "'nope' is invalid for '--section <section>'. Please provide one of 'data'"),
    BadInput(
      "statement", "add", "x1", "--section", "data", "--title", "t", status: 64,
      message: "a statement needs --body"),
    BadInput(
      "statement", "add", "X", "--section", "data", "--title", "t", "--body", "b", status: 65,
      message: "invalid key 'X' (expected 2-64 lowercase letters"),
    BadInput(
      "statement", "edit", "nope", "--body", "x", status: 1,
      message: "no statement 'nope' (see 'aigov statement list')"),
    BadInput(
      "statement", "remove", "nope", status: 1,
      message: "no statement 'nope' (see 'aigov statement list')"),
    BadInput(
      "statement", "edit", "nope", status: 64, message: "nothing to change"),
    BadInput(
      "statement", "add", "x1", "--section", "data", "--title", "t", "--body", "b",
      "--position", "99999", status: 65,
      message: "invalid position '99999' (expected an integer from 0 to 10000)"),
    BadInput(
      "statement", "add", "x1", "--section", "law", "--title", "t", "--body",
      "We follow NIST AI 600-1.", status: 65,
      message: "invalid statement 'NIST AI 600-1' (expected only frameworks the company assesses"),
    BadInput(
      "statement", "add", "x1", "--section", "data", "--title", "t\u{1B}[2J", "--body", "b",
      status: 65, message: "invalid statement title 't‹U+001B›[2J': holds the control character"),
    BadInput(
      "meeting", "record", "--held", "2026-10-08", "--quarter", "2026-Q3", "--attendee", "dana",
      "--decision", "risk/1 approve", status: 65,
      message: "invalid decision 'risk/1 approve' (expected 'ITEM DECISION[ until YYYY-MM-DD]: "
        + "NOTE'"),
    BadInput(
      "meeting", "record", "--held", "2026-10-08", "--quarter", "2026-Q3", "--attendee", "dana",
      "--decision", "risk/1 waive: no", status: 65,
      message: "invalid decision 'waive' (expected one of: approve, suspend, accept-exception"),
    BadInput(
      "meeting", "record", "--held", "2026-10-08", "--quarter", "2026-Q3", "--attendee", "dana",
      "--action", "priya 2026-11-01: Tidy", status: 65,
      message: "invalid action 'priya 2026-11-01: Tidy' (expected 'OWNER by YYYY-MM-DD[ for ITEM]: "
        + "WHAT'"),
    BadInput(
      "meeting", "record", "--held", "2026-02-30", "--quarter", "2026-Q1", "--attendee", "dana",
      status: 65,
      message: "invalid held on '2026-02-30' (expected a calendar day written YYYY-MM-DD)"),
    BadInput(
      "meeting", "record", "--held", "2026-10-08", "--quarter", "Q3", "--attendee", "dana",
      status: 65,
      message: "invalid quarter 'Q3' (expected the quarter the meeting reviewed, written YYYY-QN"),
    BadInput(
      "meeting", "record", "--held", "2026-10-08", "--quarter", "2026-Q3", status: 65,
      message: "invalid attendees '' (expected at least one person who attended)"),
    BadInput(
      "feature", "set-status", "churn-risk", "suspended", "--meeting", "99", status: 1,
      message: "no meeting '99' (see 'aigov meeting list')"),
    BadInput(
      "meeting", "done", "5", "--on", "2099-01-01", status: 65,
      message: "invalid on '2099-01-01' (expected a day from the meeting's (2026-10-08) to today "
        + "(2026-11-22))"),
    BadInput(
      "meeting", "done", "99", status: 1,
      message: "no action '99' (see 'aigov meeting actions')"),
    BadInput(
      "meeting", "show", "99", status: 1, message: "no meeting '99' (see 'aigov meeting list')"),
    BadInput(
      "meeting", "drop", "1", status: 64, message: "Missing expected argument '--note <note>'"),
    BadInput(
      "webhook", "add", "ftp://hooks.example.com", "--event", "review.waiting", status: 65,
      message: "invalid url 'ftp://hooks.example.com' (expected an http or https URL of the "
        + "receiver)"),
    BadInput(
      "webhook", "add", "https://hooks.example.com", status: 65,
      message: "invalid event '' (expected at least one of review.waiting, deadline.near"),
    BadInput(
      "webhook", "add", "https://hooks.example.com", "--event", "round.opened", status: 64,
      message: "'round.opened' is invalid for '--event <event>'"),
    BadInput(
      "webhook", "add", "https://hooks.example.com", "--event", "check.error", "--secret",
      "hunter2", status: 65,
      message: "invalid secret 'whsec_…' (expected whsec_ and at least 16 bytes in base64)"),
    BadInput(
      "webhook", "add", "https://hooks.example.com", "--event", "check.error", "--within", "0",
      status: 65, message: "invalid within days '0' (expected an integer from 1 to 365)"),
    BadInput(
      "webhook", "remove", "9", status: 1, message: "no webhook '9' (see 'aigov webhook list')"),
    BadInput(
      "serve", "--webhook-interval", "0", status: 64,
      message: "invalid --webhook-interval '0.0' (expected 0.05 to 86400 seconds)"),
    BadInput(
      "report", "quarterly", "--trend-quarters", "9", status: 64,
      message: "invalid --trend-quarters '9' (expected 0 to 8)"),
    BadInput(
      "todo", "--person", "nobody", status: 65,
      message: "invalid person 'nobody' (expected a reviewer's handle, or an owner a record names"),
    BadInput(
      "todo", "--person", "priya", "--within=-1", status: 64,
      message: "invalid --within '-1' (expected 0 to 3650 days)"),
    BadInput(
      "config", "set", "public.privacy-policy-url", "http://example.com", status: 65,
      message: "invalid public.privacy-policy-url 'http://example.com' (expected an https URL"),
    BadInput(
      "config", "set", "public.ai-switch", "maybe", status: 65,
      message: "invalid public.ai-switch 'maybe' (expected one of: not-stated, none, available)"),
    BadInput(
      "config", "set", "public.ai-switch-effect", "everything", status: 65,
      message: "invalid public.ai-switch-effect 'everything' (expected one of: features-off, "
        + "no-ai-data)"),
    BadInput(
      "config", "set", "public.never-processed", "health,pets", status: 65,
      message: "invalid public.never-processed 'pets' (expected one of: customer-personal-data"),
    BadInput(
      "config", "set", "public.ai-switch-who", "admins\u{1B}[2J", status: 65,
      message: "invalid setting public.ai-switch-who 'admins‹U+001B›[2J': holds the control"),
    BadInput(
      "config", "set", "nope", "1", status: 64, message: "'nope' is invalid for '<name>'"),
    BadInput("config", "get", "nope", status: 64, message: "'nope' is invalid for '<name>'"),
    BadInput(
      "config", "set", "review.key-administrators", String(repeating: "ab", count: 32),
      status: 1,
      message: "error: the first key administrators are named before any reviewer has a signing "
        + "key, on a new inventory"),
    BadInput(
      "config", "set", "check.min-aggregation-size", "100", "--endorse-with", "admin.key",
      status: 64,
      message: "--endorse-with signs a change of review.key-administrators only"),
    // reviewer keys
    BadInput(
      "reviewer", "add", "sam2", "--name", "Sam", "--email", "sam2@example.com", "--discipline",
      "legal", "--public-key", "missing.pem", status: 66,
      message: "error: cannot use 'missing.pem': no such file"),
    BadInput(
      "reviewer", "add", "sam2", "--name", "Sam", "--email", "sam2@example.com", "--discipline",
      "legal", "--public-key", "aigov.sqlite", status: 65,
      message: "error: cannot use 'aigov.sqlite': it is not a PEM public key"),
    BadInput("reviewer", "edit", "tom", status: 64, message: "nothing to change"),
    BadInput(
      "reviewer", "edit", "nope", "--name", "X", status: 1, message: "error: no reviewer 'nope'"),
    BadInput(
      "reviewer", "edit", "tom", "--remove-discipline", "privacy", status: 1,
      message: "error: reviewer 'tom' would hold no discipline"),
    BadInput(
      "reviewer", "keygen", "--output", "aigov.sqlite", status: 1,
      message: "error: cannot write the private key to 'aigov.sqlite': it already exists"),
    BadInput(
      "reviewer", "keygen", "--output", "/nonexistent/folder/k.pem", status: 70,
      message: "error: cannot write the private key to '/nonexistent/folder/k.pem': No such file"),
    // report
    BadInput(
      "report", "public", "--format", "pdf", status: 64,
      message: "'pdf' is invalid for '--format <format>'"),
    BadInput(
      "report", "public", "--output", "/nonexistent/folder/ai.html", status: 70,
      message: "error: cannot write the report to '/nonexistent/folder/ai.html'"),
    BadInput(
      "report", "quarterly", "--quarter", "2026-Q5", status: 64,
      message: "invalid --quarter '2026-Q5' (expected a year and quarter like 2026-Q3)"),
    BadInput(
      "report", "quarterly", "--quarter", "2099-Q1", status: 65,
      message: "error: invalid quarter '2099-Q1' (expected a quarter that has begun; it is now "
        + "2026-Q4)"),
    BadInput(
      "report", "quarterly", "--format", "pdf", status: 64,
      message: "'pdf' is invalid for '--format <format>'"),
    BadInput(
      "report", "quarterly", "--output", "/nonexistent/folder/q.md", status: 70,
      message: "error: cannot write the report to '/nonexistent/folder/q.md'"),
    // export / import
    BadInput(
      "export", status: 64,
      message: "missing --output DIR (the folder to export into), or --schemas DIR"),
    BadInput(
      "export", "--output", "/nonexistent-x", "--format", "xml", status: 64,
      message: "'xml' is invalid for '--format <format>'"),
    BadInput(
      "export", "--output", "/", status: 1,
      message: "error: the folder '/' is not empty; choose a new or empty folder"),
    BadInput(
      "import", "/nonexistent/export", status: 66,
      message: "error: cannot use '/nonexistent/export': no such file or folder"),
    BadInput(
      "import", "/proc/self/cwd", status: 65,
      message: "error: cwd: is a symbolic link; an import reads a folder or the files of an "
        + "export, never through a link"),
    BadInput(
      "import", "/etc/passwd", status: 65,
      message:
        "error: passwd: not an aigov export file (expected a .csv or .json file written by aigov export, or its folder)\nerror: import refused, nothing was written: 1 problem"
    ),
    BadInput(
      "export", "--profile", "omb-2025", "--format", "json", "--output", "/tmp/x.csv",
      status: 64, message: "--profile writes one CSV file in that profile's columns"),
    BadInput(
      "export", "--format", "cyclonedx", "--spec-version", "1.5", "--output", "/tmp/bom.json",
      status: 64,
      message: "'1.5' is invalid for '--spec-version <version>'. Please provide one of '1.6' and "
        + "'1.7'"),
    BadInput(
      "export", "--spec-version", "1.7", "--output", "/tmp/bom.json", status: 64,
      message: "--spec-version is the CycloneDX version: it needs --format cyclonedx"),
    BadInput(
      "export", "--format", "cyclonedx", "--schemas", "/tmp/schemas", status: 64,
      message: "--format cyclonedx writes one file: give --output FILE, not --schemas"),
    BadInput(
      "export", "--format", "cyclonedx", "--output", "/etc/passwd", status: 70,
      message: "error: cannot create '/etc/passwd': File exists"),
    BadInput(
      "risk", "edit", "1", "--taxonomy", "owasp-llm-top-10:LLM11", status: 1,
      message: "error: no entry of owasp-llm-top-10 'LLM11'"),
    BadInput(
      "mitigation", "map", "1", "--framework", "iso-iec-42001", "--requirement", "A.6.2.4",
      "--relationship", "equal", "--rationale", "r", status: 65,
      message: "error: invalid framework 'iso-iec-42001' (expected a framework assessed feature "
        + "by feature (eu-ai-act); a company control answers iso-iec-42001"),
    BadInput(
      "mitigation", "unmap", "1", "--framework", "eu-ai-act", "--requirement", "art-5",
      status: 1, message: "error: no mapping of mitigation 1 'eu-ai-act art-5'"),
    BadInput(
      "framework", "import", "/nonexistent/catalogue.json", status: 66,
      message: "error: cannot use '/nonexistent/catalogue.json': no such file"),
    BadInput(
      "framework", "import", "/etc/passwd", status: 65,
      message: "error: invalid framework catalogue"),
    BadInput(
      "config", "set", "public.compliance", "We follow NIST AI 600-1.", status: 65,
      message: "error: invalid statement 'NIST AI 600-1' (expected only frameworks the company "
        + "assesses: map a control to a requirement of nist-ai-600-1"),
    BadInput(
      "import", "--profile", "omb-2025", "/etc/passwd", status: 65,
      message:
        "error: passwd:1: is not the 2025 federal AI use-case inventory: its header holds 0 of the template's 36 columns"
    ),
    BadInput(
      "import", "--profile", "omb-2024", "/etc/passwd", status: 64,
      message: "'omb-2024' is invalid for '--profile <NAME>'"),
    // check
    BadInput(
      "check", "--format", "xml", status: 64, message: "'xml' is invalid for '--format <format>'"),
    // audit, global options, demo
    BadInput("audit", "log", "--last", "0", status: 64, message: "invalid --last '0'"),
    BadInput(
      "audit", "log", "--entity", "nope", status: 64,
      message: "'nope' is invalid for '--entity <entity>'"),
    BadInput(
      "audit", "verify", "--head", "deadbeef", status: 64,
      message: "invalid --head 'deadbeef' (expected a 64-digit SHA-256 hash"),
    BadInput(
      "audit", "verify", "--head", String(repeating: "g", count: 64), status: 64,
      message: "invalid --head 'gggg"),
    BadInput(
      "feature", "list", "--now", "tomorrow", status: 64, message: "invalid --now 'tomorrow'"),
    BadInput(
      "feature", "list", "--color", "purple", status: 64,
      message: "'purple' is invalid for '--color <color>'"),
    BadInput("mcp", "--now", "tomorrow", status: 64, message: "invalid --now 'tomorrow'"),
    // monitor
    BadInput(
      "monitor", "plan", "email-ai", "--metric", "x", "--at-least", "1", "--check", "--every",
      "7", "--owner", "o", status: 64,
      message: "give one of --at-least THRESHOLD, --at-most THRESHOLD or --check"),
    BadInput(
      "monitor", "plan", "email-ai", "--metric", "latency", "--at-most", "1e3", "--every", "7",
      "--owner", "o", status: 65,
      message: "error: invalid threshold '1e3' (expected a decimal such as 0.92 or -3)"),
    BadInput(
      "monitor", "plan", "email-ai", "--metric", "Bad Metric", "--check", "--every", "7",
      "--owner", "o", status: 65, message: "error: invalid metric 'Bad Metric'"),
    BadInput(
      "monitor", "plan", "email-ai", "--metric", "latency", "--check", "--every", "0", "--owner",
      "o",
      status: 65, message: "cadence days"),
    BadInput(
      "monitor", "plan", "nope", "--metric", "x", "--check", "--every", "7", "--owner", "o",
      status: 1, message: "error: no feature 'nope'"),
    BadInput(
      "monitor", "record", "email-ai", "--metric", "nope", "--pass", status: 1,
      message: "error: no monitoring plan 'email-ai nope' (see 'aigov monitor list')"),
    BadInput(
      "monitor", "record", "email-ai", "--metric", "x", "--pass", "--fail", status: 64,
      message: "give --pass or --fail, not both"),
    // incident
    BadInput(
      "incident", "open", "INC-9", "--feature", "email-ai", "--title", "t", status: 64,
      message: "an incident needs --category, --severity, --occurred-at"),
    BadInput(
      "incident", "open", "INC-2291", "--feature", "email-ai", "--title", "t", "--category",
      "bias", "--severity", "low", "--occurred-at", "2026-11-01", status: 65,
      message: "error: an incident with key 'INC-2291' already exists"),
    BadInput(
      "incident", "open", "INC 9", "--feature", "email-ai", "--title", "t", "--category",
      "bias", "--severity", "low", "--occurred-at", "2026-11-01", status: 65,
      message: "error: invalid reference 'INC 9'"),
    BadInput(
      "incident", "open", "INC-9", "--feature", "email-ai", "--title", "t", "--category",
      "rudeness", "--severity", "low", "--occurred-at", "2026-11-01", status: 64,
      message: "'rudeness' is invalid for '--category <category>'"),
    BadInput(
      "incident", "open", "INC-9", "--feature", "email-ai", "--title", "t", "--category",
      "bias", "--severity", "low", "--occurred-at", "soon", status: 65,
      message: "error: invalid occurred at 'soon'"),
    BadInput(
      "incident", "open", "INC-9", "--feature", "email-ai", "--title", "t", "--category",
      "bias", "--severity", "low", "--occurred-at", "2026-11-01", "--risk", "1", status: 65,
      message: "error: invalid risk '1' (expected a risk of a feature the incident concerns"),
    BadInput(
      "incident", "open", "INC-9", "--feature", "nope", "--title", "t", "--category", "bias",
      "--severity", "low", "--occurred-at", "2026-11-01", status: 1,
      message: "error: no feature 'nope'"),
    BadInput(
      "incident", "update", "INC-2291", "--severity", "low", status: 1,
      message: "error: incident 'INC-2291' is closed"),
    BadInput(
      "incident", "update", "INC-2291", status: 64, message: "nothing to change"),
    BadInput(
      "incident", "update", "INC-2291", "--serious", "general", "--not-serious", status: 64,
      message: "give --serious or --not-serious, not both"),
    BadInput(
      "incident", "close", "INC-404", "--cause", "c", "--corrective-action", "a", status: 1,
      message: "error: no incident 'INC-404'"),
    BadInput(
      "incident", "close", "INC-2291", "--cause", "c", status: 64,
      message: "Missing expected argument '--corrective-action <corrective-action>'"),
    BadInput("incident", "show", "INC-404", status: 1, message: "error: no incident 'INC-404'"),
    BadInput(
      "feature", "edit", "email-ai", "--team", "x", "--despite-incident", "a\u{1B}[2Jb",
      status: 65, message: "error: invalid incident hold override 'a‹U+001B›[2Jb'"),
    BadInput(
      "incident", "list", "--status", "pending", status: 64,
      message: "'pending' is invalid for '--status <status>'"),
    BadInput("mcp", "--actor", "dana", status: 64, message: "Unknown option '--actor'"),
    BadInput("mcp", "serve", status: 64, message: "Unexpected argument 'serve'"),
    BadInput("demo", status: 1, message: "already exists (pass --force to replace it"),
    BadInput(
      "audit", "checkpoint", "--key", "missing.pem", status: 66,
      message: "error: cannot use 'missing.pem': no such file"),
    BadInput(
      "audit", "checkpoint", status: 64, message: "Missing expected argument '--key <file>'"),
    BadInput(
      "audit", "verify", "--checkpoint", "nothing.json", status: 66,
      message: "error: cannot use 'nothing.json': no such file (a checkpoint is three files"),
    BadInput(
      "audit", "verify", "--since", "nothing.json", status: 66,
      message: "error: cannot use 'nothing.json': no such file (a checkpoint is three files"),
    BadInput(
      "audit", "verify", "--keep-state", status: 64,
      message: "--keep-state keeps the state at the checkpoints of a full verification"),
    BadInput(
      "audit", "verify", "--keys", "nofile", status: 66,
      message: "error: cannot use 'nofile': no such file"),
    BadInput(
      "backup", "aigov.sqlite", status: 65,
      message: "error: invalid FILE 'aigov.sqlite' (expected a path where no file is yet"),
    BadInput(
      "backup", "no/such/folder/copy.sqlite", status: 1,
      message: "cannot create the database file 'no/such/folder/copy.sqlite'"),
    BadInput("backup", status: 64, message: "Missing expected argument '<file>'"),
    BadInput(
      "reviewer", "edit", "elena", "--endorse-with", "x.key", status: 64,
      message: "--endorse-with and --endorsement prove a new key: give the key with --public-key"),
    BadInput(
      "reviewer", "edit", "elena", "--public-key", "x.pub", "--endorsement", "x.sig", status: 64,
      message: "--endorsement and --endorsing-key go together"),
    BadInput(
      "reviewer", "key-statement", "elena", "--public-key", "missing.pub", status: 66,
      message: "error: cannot use 'missing.pub': no such file"),
    BadInput(
      "feature", "edit", "email-ai", "--team", "x", "--now", "2026-01-01", status: 1,
      message: "is before the trail's newest event"),
    BadInput(
      "feature", "edit", "email-ai", "--team", "x", "--now", "9999-12-31", status: 64,
      message: "is more than a day ahead of this machine's clock"),
    BadInput(
      "feature", "edit", "email-ai", "--owner", "pri\u{200B}ya", status: 65,
      message: "holds an invisible format character (U+200B)"),
    BadInput("feature", "frobnicate", status: 64, message: "Unexpected argument 'frobnicate'"),
    // token and serve
    BadInput(
      "token", "create", " ", status: 65,
      message: "error: missing person: a token stands for one person"),
    BadInput(
      "token", "create", "elena", "--label", "a\u{1B}[2J", status: 65,
      message: "error: invalid access token label 'a‹U+001B›[2J'"),
    BadInput(
      "token", "revoke", "9", status: 1,
      message: "error: no access token '9' (see 'aigov token list')"),
    BadInput(
      "token", "revoke", "x", status: 64, message: "'x' is invalid for '<id>'"),
    BadInput("token", "list", "--person", status: 64, message: "Missing value for '--person"),
    BadInput(
      "serve", "--listen", "8080", status: 64,
      message: "invalid --listen '8080' (expected a host and port like 127.0.0.1:8080)"),
    BadInput(
      "serve", "--identity-header", "X User", status: 64,
      message: "invalid --identity-header 'X User' (expected a header name"),
    BadInput("serve", "--now", "soon", status: 64, message: "invalid --now 'soon'"),
    BadInput(
      "--server", "http://127.0.0.1:9", "feature", "add", "x9", "--category", "automation",
      "--name", "n", "--purpose", "p", "--owner", "o", "--serving", "account-only",
      "--training", "none", status: 64, message: "Unknown option '--server'"),
    // controls and exceptions
    BadInput(
      "control", "add", "c1", "--title", "t", "--kind", "process", "--discipline", "legal",
      status: 64, message: "Error: a control needs --owner"),
    BadInput(
      "control", "add", "c1", "--title", "t", "--kind", "process", "--discipline", "legal",
      "--owner", "o", "--scope", "colour:red", status: 65,
      message: "error: invalid scope 'colour:red' (expected dimension:value, the dimension one of "
        + "category, audience, serving, training, provider-kind, feature)"),
    BadInput(
      "control", "add", "c1", "--title", "t", "--kind", "process", "--discipline", "legal",
      "--owner", "o", "--claim", "we-are-nice", status: 65,
      message: "error: invalid claim 'we-are-nice' (expected one of customers-can-turn-off"),
    BadInput(
      "control", "add", "c1", "--title", "t\u{1B}[2J", "--kind", "process", "--discipline",
      "legal", "--owner", "o", status: 65, message: "error: invalid control title"),
    BadInput(
      "control", "add", "c1", "--title", "t", "--kind", "process", "--discipline", "legal",
      "--owner", "o", "--scope", "feature:nowhere", status: 1,
      message: "error: no feature 'nowhere'"),
    BadInput(
      "control", "edit", "nowhere", "--status", "in-place", status: 1,
      message: "error: no control 'nowhere' (see 'aigov control list')"),
    BadInput(
      "control", "edit", "nowhere", "--scope", "category:agentic", "--every-feature", status: 64,
      message: "Error: give --scope or --every-feature, not both"),
    BadInput("control", "show", "nowhere", status: 1, message: "error: no control 'nowhere'"),
    BadInput(
      "control", "edit", "generated-content-review", "--claim", "nope", status: 65,
      message: "error: invalid claim 'nope' (expected one of customers-can-turn-off"),
    BadInput("control", "list", "--status", "done", status: 64, message: "'done' is invalid"),
    BadInput(
      "exception", "add", "email-ai", "--not-covered", "x", "--reason", "y", "--until",
      "2027-01-01", status: 64, message: "Error: give --control or --rule"),
    BadInput(
      "exception", "add", "email-ai", "--rule", "provider-terms", "--not-covered", "x",
      "--reason", "y", "--until", "someday", status: 65,
      message: "error: invalid until 'someday'"),
    BadInput(
      "exception", "add", "email-ai", "--rule", "provider-terms", "--not-covered", "x",
      "--reason", "y", "--until", "2027-01-01", "--actor", "mallory", status: 1,
      message: "'mallory' is not a registered reviewer"),
    BadInput(
      "exception", "add", "email-ai", "--control", "nowhere", "--not-covered", "x", "--reason",
      "y", "--until", "2027-01-01", "--actor", "sam", status: 1,
      message: "error: no control 'nowhere'"),
    BadInput(
      "exception", "add", "customer-agent", "--control", "generated-content-review",
      "--not-covered", "x", "--reason", "y", "--until", "2027-03-31", "--actor", "sam",
      "--meeting", "99", status: 1, message: "no meeting '99' (see 'aigov meeting list')"),
    BadInput("exception", "list", "--feature", "nowhere", status: 1, message: "error: no feature"),
    BadInput(
      "evidence", "add", "--title", "t", "--kind", "contract", "--provided-by", "p", status: 64,
      message: "Error: give --file (stored here) or --url with --sha256"),
    BadInput(
      "evidence", "add", "--title", "t", "--kind", "contract", "--provided-by", "p", "--file",
      "missing.pdf", status: 66, message: "missing.pdf"),
    BadInput(
      "evidence", "add", "--title", "t", "--kind", "contract", "--provided-by", "p", "--url",
      "https://example.com/dpa.pdf", "--sha256", "abc", status: 65,
      message: "error: invalid sha256 'abc' (expected the SHA-256 of the copy kept"),
    BadInput(
      "evidence", "add", "--title", "t", "--kind", "contract", "--provided-by", "p", "--url",
      "https://example.com/dpa.pdf", "--sha256", String(repeating: "a", count: 64),
      "--control", "nowhere", status: 1, message: "error: no control 'nowhere'"),
    BadInput(
      "evidence", "add", "--title", "t", "--kind", "memo", "--provided-by", "p", "--url",
      "https://example.com", status: 64, message: "'memo' is invalid for '--kind <kind>'"),
    BadInput(
      "evidence", "add", "--title", "t", "--kind", "contract", "--provided-by", "p", "--url",
      "https://example.com/dpa.pdf", "--sha256", String(repeating: "a", count: 64),
      "--expires-on", "soon", status: 65, message: "error: invalid day 'soon'"),
    BadInput("evidence", "show", "99", status: 1, message: "error: no evidence '99'"),
    BadInput(
      "mitigation", "add", "1", "--control", "nowhere", status: 1,
      message: "error: no control 'nowhere'"),
    BadInput(
      "framework", "show", "nope", status: 65, message: "error: invalid framework 'nope'"),
    BadInput(
      "control", "map", "provider-contract-terms", "--framework", "eu-ai-act", "--requirement",
      "art-99", "--relationship", "equal", "--rationale", "r", status: 1,
      message: "error: no requirement of eu-ai-act 'art-99'"),
    BadInput(
      "control", "map", "provider-contract-terms", "--framework", "eu-ai-act", "--requirement",
      "art-4", "--relationship", "same", "--rationale", "r", status: 64,
      message: "Error: The value 'same' is invalid for '--relationship <relationship>'"),
    BadInput(
      "control", "unmap", "provider-contract-terms", "--framework", "eu-ai-act", "--requirement",
      "art-4", status: 1,
      message: "error: no mapping of control 'provider-contract-terms' 'eu-ai-act art-4'"),
    BadInput(
      "framework", "exclude", "eu-ai-act", "art-4", "--justification", "x", status: 65,
      message: "error: missing feature: eu-ai-act is assessed feature by feature"),
    BadInput(
      "report", "frameworks", "--framework", "nope", status: 65,
      message: "error: invalid framework 'nope'"),
    BadInput(
      "feature", "edit", "email-ai", "--annex-iii", "III.9", status: 64,
      message: "Error: invalid Annex III point 'III.9' (expected one of: III.1(a)"),
    BadInput(
      "mitigation", "add", "1", "--kind", "process", "--owner", "dana", status: 64,
      message: "Error: missing --title: a mitigation of its own states its title, kind and owner"),
    BadInput(
      "mitigation", "edit", "1", "--control", "nowhere", status: 1,
      message: "error: no control 'nowhere'"),
    BadInput(
      "evidence", "link", "1", "--risk", "0", status: 65,
      message: "error: invalid risk link '0' (expected a record's number)"),
    BadInput("evidence", "link", "1", status: 64, message: "Error: nothing to link"),
    BadInput(
      "evidence", "attest", "1", "--actor", "mallory", status: 1,
      message: "'mallory' is not a registered reviewer"),
    BadInput(
      "evidence", "revise", "99", "--url", "https://example.com/x", "--sha256",
      String(repeating: "b", count: 64), status: 1, message: "error: no evidence '99'"),
    BadInput("evidence", "list", "--control", "nowhere", status: 1, message: "error: no control"),
    BadInput(
      "feature", "list", "--server", "https://", status: 64,
      message: "error: invalid --server 'https://' (expected a URL like https://"),
    BadInput(
      "review", "status", "--server", "http://127.0.0.1:9", status: 69,
      message: "error: cannot reach the aigov server at http://127.0.0.1:9"),
  ]

  @Test(arguments: cases)
  func refusedWithMessageStatusAndNoChange(_ input: BadInput) throws {
    let harness = try CommandLineHarness()
    try harness.loadSample()
    let before = try harness.snapshot()
    let outcome = try harness.run(input.arguments)
    #expect(outcome.status == input.status, "stderr: \(outcome.stderr)")
    #expect(outcome.stderr.contains(input.message), "stderr: \(outcome.stderr)")
    #expect(outcome.stdout.isEmpty)
    if outcome.stderr.hasPrefix("error:") {
      #expect(outcome.stderr.split(separator: "\n").count <= 2, "stderr: \(outcome.stderr)")
    }
    #expect(try harness.snapshot() == before)
  }

  @Test func missingDatabaseIsReportedForEveryReadingCommand() throws {
    let harness = try CommandLineHarness()
    for arguments in [["feature", "list"], ["reviewer", "list"], ["audit", "verify"]] {
      let outcome = try harness.run(arguments)
      #expect(outcome.status == 66)
      #expect(outcome.stderr.contains("error: no database at '\(harness.database)'"))
    }
    #expect(!FileManager.default.fileExists(atPath: harness.database))
  }

  @Test func fileThatIsNotADatabaseIsLeftUntouched() throws {
    let harness = try CommandLineHarness()
    let bytes = Data("name,owner\nEmail AI,priya\n".utf8)
    try bytes.write(to: URL(fileURLWithPath: harness.database))
    for arguments in [["init"], ["feature", "list"]] {
      let outcome = try harness.run(arguments)
      #expect(outcome.status == 65)
      #expect(outcome.stderr.contains("is not an aigov database"))
    }
    #expect(try Data(contentsOf: URL(fileURLWithPath: harness.database)) == bytes)
  }

  @Test func newerSchemaIsRefusedAndLeftUntouched() throws {
    let harness = try CommandLineHarness()
    try harness.loadSample()
    do {
      let database = try Database(path: harness.database, mode: .existing)
      try database.executeScript("PRAGMA journal_mode = DELETE; PRAGMA user_version = 42")
    }
    let bytes = try Data(contentsOf: URL(fileURLWithPath: harness.database))
    let outcome = try harness.run(["feature", "list"])
    #expect(outcome.status == 1)
    #expect(outcome.stderr.contains("has schema version 42, newer than this aigov understands"))
    #expect(try Data(contentsOf: URL(fileURLWithPath: harness.database)) == bytes)
  }
}
