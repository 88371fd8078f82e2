/// A feature's owner as written ("priya", "Priya Raman (PM)", "priya@example.com"), and whether it
/// names a reviewer, for separation of duties.
///
/// The owner is read as words: letters and digits, with `.`, `_`, `-`, `@` and `+` inside a word
/// (so that handles and emails stay whole), case folded, full-width letters read as their ASCII
/// forms. It names a reviewer when one of its words is the reviewer's handle or email, or when the
/// words of the reviewer's name appear in it one after another. So "Priya Raman (PM)", "PRIYA",
/// "ｐｒｉｙａ" and "owner: priya" all name reviewer `priya` (Priya Raman); a handle is always
/// matched exactly as a word. Invisible characters and words that mix scripts are refused when an
/// owner is written (`TextField.featureOwner`), so they cannot hide a name.
struct OwnerName {
  let words: [String]

  init(_ owner: String) {
    words = Self.words(owner)
  }

  /// True when the owner names `reviewer` by handle, email or name.
  func names(_ reviewer: Reviewer) -> Bool {
    if words.contains(reviewer.handle) || words.contains(Self.fold(reviewer.email)) {
      return true
    }
    let name = Self.words(reviewer.name)
    guard !name.isEmpty, name.count <= words.count else { return false }
    return (0...(words.count - name.count)).contains { start in
      words[start..<(start + name.count)].elementsEqual(name)
    }
  }

  static func words(_ text: String) -> [String] {
    fold(text).split { !isWordCharacter($0) }.map {
      String($0).trimmingCharacters(in: ".-_+")
    }.filter { !$0.isEmpty }
  }

  /// Lowercase, with full-width ASCII read as ASCII and invisible format characters dropped.
  static func fold(_ text: String) -> String {
    var scalars = String.UnicodeScalarView()
    for scalar in text.unicodeScalars {
      if scalar.properties.isDefaultIgnorableCodePoint { continue }
      if (0xFF01...0xFF5E).contains(scalar.value), let ascii = Unicode.Scalar(scalar.value - 0xFEE0)
      {
        scalars.append(ascii)
      } else {
        scalars.append(scalar)
      }
    }
    return String(scalars).lowercased()
  }

  private static func isWordCharacter(_ character: Character) -> Bool {
    character.isLetter || character.isNumber || ".-_@+".contains(character)
  }
}

extension String {
  /// The text without any of `characters` at either end.
  fileprivate func trimmingCharacters(in characters: String) -> String {
    var slice = Substring(self)
    while let first = slice.first, characters.contains(first) { slice.removeFirst() }
    while let last = slice.last, characters.contains(last) { slice.removeLast() }
    return String(slice)
  }
}
