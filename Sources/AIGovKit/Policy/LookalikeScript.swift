/// Scripts whose letters look like Latin letters. A word that mixes them (`Priyа` with a Cyrillic
/// `а`) reads as another word than it is, so fields that name people refuse it.
enum LookalikeScript: Equatable {
  case latin, greek, cyrillic, armenian, cherokee

  init?(_ scalar: Unicode.Scalar) {
    switch scalar.value {
    case 0x41...0x5A, 0x61...0x7A, 0xC0...0x24F, 0x1E00...0x1EFF, 0xFF21...0xFF3A, 0xFF41...0xFF5A:
      self = .latin
    case 0x370...0x3FF, 0x1F00...0x1FFF: self = .greek
    case 0x400...0x52F, 0x1C80...0x1C8F, 0x2DE0...0x2DFF, 0xA640...0xA69F: self = .cyrillic
    case 0x530...0x58F: self = .armenian
    case 0x13A0...0x13FF, 0xAB70...0xABBF: self = .cherokee
    default: return nil
    }
  }

  /// The first word of `text` whose letters come from more than one of these scripts.
  static func mixedWord(in text: String) -> String? {
    for word in text.split(whereSeparator: { !$0.isLetter && !$0.isNumber }) {
      var seen: LookalikeScript?
      for scalar in word.unicodeScalars {
        guard let script = LookalikeScript(scalar) else { continue }
        if let seen, seen != script { return String(word) }
        seen = script
      }
    }
    return nil
  }
}
