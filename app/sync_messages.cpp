// Sentences for sync problems; see sync_messages.hpp.
#include "sync_messages.hpp"

#include "i18n.hpp"

namespace faltstod::app {

namespace {

const char* swedish_sentence(sync::SyncProblem problem) {
    using P = sync::SyncProblem;
    switch (problem) {
        case P::None: return "";
        case P::NotEnrolled: return tr("Datorn är inte registrerad. Registrera den med en kod från din administratör (Inställningar).");
        case P::CredentialsDamaged: return tr("Datorns registrering är skadad. Registrera den igen med en ny kod.");
        case P::DiskFull: return tr("Datorns disk är full. Frigör utrymme – inget sparat har gått förlorat, och synken fortsätter av sig själv.");
        case P::DiskError: return tr("Datorn kunde inte skriva till sin disk. Inget sparat har gått förlorat; synken försöker igen.");
        case P::LocalFailure: return tr("Synken avbröts av ett fel i datorn. Den försöker igen av sig själv.");
        case P::BadServerAddress: return tr("Serveradressen ska skrivas som https://server.exempel.se.");
        case P::PlainHttpRefused:
            return tr("Adressen börjar med http:// och går till en annan dator: allt skulle gå okrypterat. Använd https://, eller registrera med --insecure om din administratör bestämt det.");
        case P::CannotConnect: return tr("Servern kunde inte nås. Kontrollera nätverket; synken försöker igen av sig själv.");
        case P::TimedOut: return tr("Servern svarade inte i tid. Synken försöker igen senare.");
        case P::TooSlow: return tr("Svaret från servern kom för långsamt och avbröts. Synken försöker igen senare.");
        case P::TlsUntrusted:
            return tr("Serverns certifikat är inte utfärdat av någon betrodd utfärdare. Kontrollera adressen och CA-filen (--ca-file).");
        case P::TlsExpired: return tr("Serverns certifikat har gått ut. Kontakta din administratör.");
        case P::TlsNotYetValid: return tr("Serverns certifikat gäller inte ännu. Kontrollera datorns klocka.");
        case P::TlsWrongName: return tr("Serverns certifikat gäller ett annat namn än adressen. Kontrollera serveradressen.");
        case P::TlsFailed: return tr("Ingen säker anslutning till servern kunde upprättas.");
        case P::ServerTrouble: return tr("Servern har tillfälliga problem. Synken försöker igen senare.");
        case P::ServerBusy: return tr("Servern är upptagen. Synken försöker igen om en stund.");
        case P::ServerDiskFull: return tr("Serverns disk är full. Inget har gått förlorat; synken försöker igen senare.");
        case P::ProtocolMismatch: return tr("Servern kör en annan version av Fältstöd. Uppdatera programmet på den här datorn.");
        case P::RequestRefused: return tr("Servern avvisade begäran.");
        case P::AnswerTooLarge: return tr("Servern skickade ett för stort svar. Det togs inte emot.");
        case P::AnswerUnreadable: return tr("Serverns svar gick inte att läsa och användes inte.");
        case P::NoContentKey: return tr("Datorn saknar serverns nyckel för innehållet. Registrera datorn igen.");
        case P::UnsignedContent:
            return tr("Innehållet från servern saknade signatur och togs inte emot. Det tidigare innehållet finns kvar.");
        case P::BadSignature:
            return tr("Innehållet från servern hade en felaktig signatur och togs inte emot. Det tidigare innehållet finns kvar.");
        case P::CursorInvalid: return tr("Servern skickade en ogiltig innehållsversion. Inget ändrades.");
        case P::TooManyPages: return tr("Servern slutade inte skicka ändringar. Resten hämtas vid nästa synk.");
        case P::ResetLoop: return tr("Servern bad om en ny början igen direkt efter en ny början. Synken försöker igen senare.");
        case P::SnapshotTooLarge:
            return tr("Det nya innehållet är större än vad disken har plats för. Frigör utrymme; det tidigare innehållet finns kvar.");
        case P::SnapshotIncomplete: return tr("Det nya innehållet kom inte fram helt. Det tidigare finns kvar; synken försöker igen.");
        case P::SnapshotWouldEmpty:
            return tr("Det nya innehållet skulle ta bort det mesta som finns. Det tidigare innehållet behölls; kontakta din administratör.");
        case P::PushAnswerMismatch:
            return tr("Serverns svar om loggarna stämde inte med det som skickades. Loggarna ligger kvar och skickas igen.");
        case P::TokenUnknown: return tr("Servern känner inte igen den här datorn. Registrera den igen med en ny kod.");
        case P::Revoked:
            return tr("En administratör har stängt av datorns åtkomst. Osända loggar och inloggningsuppgifterna har raderats; innehållet finns kvar.");
        case P::Wiped:
            return tr("En administratör har beordrat radering. Osända loggar och inloggningsuppgifterna har raderats; innehållet finns kvar.");
        case P::UntrustedOrderIgnored:
            return tr("Ett besked om att radera kom över en okrypterad anslutning och följdes inte.");
        case P::EnrollCodeRefused: return tr("Koden godtogs inte: den är okänd, redan använd eller för gammal. Be om en ny kod.");
        case P::RateLimited: return tr("För många försök. Vänta en minut och försök igen.");
        case P::StatsForbidden: return tr("Den här datorns roll eller län får inte se den statistiken.");
    }
    return tr("Synken misslyckades.");
}

}  // namespace

std::string sync_problem_text(const sync::SyncError& error) {
    if (!error) return "";
    if (error.problem == sync::SyncProblem::None) return tr("Synken misslyckades.");
    return swedish_sentence(error.problem);
}

const char* insecure_connection_warning() {
    return tr("Okrypterad anslutning: datorn synkar över http utan kryptering (--insecure). Den som finns på nätverket kan läsa och ändra trafiken.");
}

}  // namespace faltstod::app
