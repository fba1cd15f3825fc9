// Texts for accounts, sign-in and user administration, merged into the main
// resources under "accounts". Swedish first; English has the same keys.
export const accountsSv = {
  nav: {
    users: 'Användare',
    integrations: 'Integrationer',
    account: 'Mitt konto',
  },
  api: {
    readOnlyToken: 'API-nyckeln får bara läsa. Be den centrala enheten om en nyckel som får ändra.',
  },
  cli: {
    created: 'Användaren {{email}} är skapad ({{role}}).',
    nothingWritten: 'Inget har sparats.',
  },
  errors: {
    emailRequired: 'Ange en e-postadress.',
    emailInvalid: 'Ange en giltig e-postadress, till exempel namn@kommun.se.',
    emailTaken: 'E-postadressen används redan av ett annat konto.',
    nameRequired: 'Ange ett namn.',
    nameTooLong: 'Namnet får vara högst 120 tecken.',
    nameInvalid: 'Namnet får inte innehålla styrtecken.',
    roleInvalid: 'Välj en roll: medarbetare (STAFF), enhetschef (MANAGER) eller central enhet (CENTRAL).',
    unitsRequired: 'En enhetschef behöver minst en enhet.',
    unitsOnlyForManagers: 'Bara enhetschefer har enheter. Välj rollen enhetschef eller ta bort enheterna.',
    unitUnknown: 'Enheten finns inte.',
    tooManyUnits: 'Välj högst 200 enheter.',
    staffUnknown: 'Det finns ingen medarbetare med den e-postadressen i personalregistret.',
    staffLinked: 'Medarbetaren är redan kopplad till ett annat konto.',
    lastCentral: 'Det måste finnas minst en aktiv användare i den centrala enheten. Ge någon annan rollen först.',
    cannotDeactivateSelf: 'Du kan inte stänga av ditt eget konto.',
  },
  password: {
    required: 'Ange ett lösenord.',
    tooShort: 'Lösenordet behöver vara minst 12 tecken. Ett par ord med mellanslag eller bindestreck blir både långt och lätt att minnas.',
    tooLong: 'Lösenordet får vara högst 256 tecken.',
    tooCommon: 'Lösenordet är för vanligt eller lätt att gissa. Välj ett annat, gärna några ord som inte hör ihop.',
    confirmRequired: 'Skriv lösenordet en gång till.',
    mismatch: 'Lösenorden är inte likadana.',
    currentWrong: 'Det nuvarande lösenordet stämmer inte.',
  },
}

export const accountsEn: typeof accountsSv = {
  nav: {
    users: 'Users',
    integrations: 'Integrations',
    account: 'My account',
  },
  api: {
    readOnlyToken: 'The API token may only read. Ask the central unit for a token that may make changes.',
  },
  cli: {
    created: 'The user {{email}} has been created ({{role}}).',
    nothingWritten: 'Nothing has been saved.',
  },
  errors: {
    emailRequired: 'Enter an e-mail address.',
    emailInvalid: 'Enter a valid e-mail address, such as name@municipality.se.',
    emailTaken: 'The e-mail address is already used by another account.',
    nameRequired: 'Enter a name.',
    nameTooLong: 'The name can be at most 120 characters.',
    nameInvalid: 'The name cannot contain control characters.',
    roleInvalid: 'Choose a role: staff (STAFF), unit manager (MANAGER) or central unit (CENTRAL).',
    unitsRequired: 'A unit manager needs at least one unit.',
    unitsOnlyForManagers: 'Only unit managers have units. Choose the unit manager role or remove the units.',
    unitUnknown: 'The unit does not exist.',
    tooManyUnits: 'Choose at most 200 units.',
    staffUnknown: 'There is no staff member with that e-mail address in the staff register.',
    staffLinked: 'The staff member is already linked to another account.',
    lastCentral: 'There must be at least one active user in the central unit. Give someone else the role first.',
    cannotDeactivateSelf: 'You cannot deactivate your own account.',
  },
  password: {
    required: 'Enter a password.',
    tooShort: 'The password must be at least 12 characters. A few words with spaces or hyphens are both long and easy to remember.',
    tooLong: 'The password can be at most 256 characters.',
    tooCommon: 'The password is too common or easy to guess. Choose another, preferably a few unrelated words.',
    confirmRequired: 'Type the password once more.',
    mismatch: 'The passwords are not the same.',
    currentWrong: 'The current password is not right.',
  },
}
