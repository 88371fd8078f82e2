import AIGovKit
import ArgumentParser

extension AIGov.Config {
  struct Set: ParsableCommand {
    static let configuration = CommandConfiguration(
      commandName: "set",
      abstract: "Change one setting.",
      discussion: """
        Examples:
          aigov config set review.required-disciplines product,legal,privacy,security
          aigov config set check.min-aggregation-size 100
        Rounds already open keep the disciplines they were opened with.

        review.key-administrators names the keys that may endorse the replacement of any \
        reviewer's key. The first administrators are named before any reviewer has a key (right \
        after 'aigov init'); from then on a change needs --endorse-with, the private key of a \
        key administrator, which signs the statement of the change.
        """)

    @Argument(help: "The setting's name.")
    var name: SettingName
    @Argument(help: "The new value.")
    var value: String
    @Option(
      name: .customLong("endorse-with"),
      help: ArgumentHelp(
        "For review.key-administrators: a key administrator's private key, which signs the "
          + "change (PKCS#8 PEM).", valueName: "file"))
    var endorsingKey: String?
    @OptionGroup var global: GlobalOptions

    func validate() throws {
      if endorsingKey != nil, name != .keyAdministrators {
        throw ValidationError(
          "--endorse-with signs a change of \(SettingName.keyAdministrators.rawValue) only")
      }
    }

    func run() throws {
      let registry = try global.openRegistry()
      var endorsement: KeyEndorsement?
      if let endorsingKey {
        let signer = try readPrivateKey(endorsingKey)
        endorsement = try KeyEndorsement(
          AdministratorsStatement(
            administrators: try name.normalized(value), replaced: try registry.setting(name)),
          signedWith: signer)
      }
      let edit = try registry.changeSetting(name, to: value, endorsement: endorsement)
      Console.note(
        edit.changed
          ? "\(name.rawValue) is now \(edit.after.value) (was \(edit.before.value))"
          : "\(name.rawValue) unchanged (it is already \(edit.after.value))")
    }
  }
}
