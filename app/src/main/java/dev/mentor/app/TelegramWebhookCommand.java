package dev.mentor.app;

import dev.mentor.telegram.TelegramSettings;
import dev.mentor.telegram.TelegramWebhook;
import java.io.PrintWriter;
import java.net.URI;
import java.net.URISyntaxException;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * {@code mentor telegram-webhook set|delete|info}: registers the bot's webhook with Telegram once, for every
 * instance behind the load balancer, rather than each instance doing so at start.
 */
@Command(name = "telegram-webhook", mixinStandardHelpOptions = true,
        description = {"Register, remove or show the Telegram webhook that several instances share (with "
                + "MENTOR_TELEGRAM_MODE=webhook and MENTOR_TELEGRAM_WEBHOOK_SECRET set, as on the instances).",
                "Reads MENTOR_TELEGRAM_TOKEN and MENTOR_TELEGRAM_API_URL."},
        subcommands = {TelegramWebhookCommand.Set.class, TelegramWebhookCommand.Delete.class,
                TelegramWebhookCommand.Show.class})
final class TelegramWebhookCommand implements Runnable {

    @CommandLine.ParentCommand
    MentorCommand parent;

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Override
    public void run() {
        throw new CommandLine.ParameterException(spec.commandLine(), "Missing what to do: set, delete or info");
    }

    TelegramWebhook webhook() {
        try {
            return new TelegramWebhook(TelegramSettings.fromEnvironment(parent.environment).orElseThrow(() ->
                    new Settings.BadSetting(TelegramSettings.TOKEN_SETTING + " is not set; expected the bot token from "
                            + "@BotFather.")));
        } catch (IllegalArgumentException e) {
            throw new Settings.BadSetting(e.getMessage());
        }
    }

    @Command(name = "set", mixinStandardHelpOptions = true,
            description = "Point Telegram at URL (https, the load balancer's public address ending in "
                    + ServeSettings.TELEGRAM_WEBHOOK_PATH + "), with the secret and the update kinds the mentor handles.")
    static final class Set implements java.util.concurrent.Callable<Integer> {
        @CommandLine.ParentCommand
        TelegramWebhookCommand parent;

        @CommandLine.Spec
        CommandLine.Model.CommandSpec spec;

        @Parameters(paramLabel = "URL", description = "e.g. https://mentor.example.org" + ServeSettings.TELEGRAM_WEBHOOK_PATH)
        String url;

        @Option(names = "--max-connections", paramLabel = "N", defaultValue = "40",
                description = "Connections Telegram may open at once, 1 to 100 (default ${DEFAULT-VALUE}).")
        int maxConnections;

        @Override
        public Integer call() {
            URI uri;
            try {
                uri = new URI(url.strip());
            } catch (URISyntaxException e) {
                throw new CommandLine.ParameterException(spec.commandLine(), "URL is not a URL: " + url);
            }
            TelegramWebhook webhook = parent.webhook();
            try {
                webhook.set(uri, maxConnections);
            } catch (IllegalArgumentException e) {
                throw new CommandLine.ParameterException(spec.commandLine(), e.getMessage());
            }
            spec.commandLine().getOut().println("Telegram now posts updates to " + uri + " (at most " + maxConnections
                    + " connections at once).");
            return 0;
        }
    }

    @Command(name = "delete", mixinStandardHelpOptions = true,
            description = "Remove the webhook (pending updates are kept), so one instance can long-poll again.")
    static final class Delete implements Runnable {
        @CommandLine.ParentCommand
        TelegramWebhookCommand parent;

        @CommandLine.Spec
        CommandLine.Model.CommandSpec spec;

        @Override
        public void run() {
            parent.webhook().delete();
            spec.commandLine().getOut().println("Webhook removed: Telegram keeps updates for long polling.");
        }
    }

    @Command(name = "info", mixinStandardHelpOptions = true, description = "Show the webhook Telegram has, and its last error.")
    static final class Show implements Runnable {
        @CommandLine.ParentCommand
        TelegramWebhookCommand parent;

        @CommandLine.Spec
        CommandLine.Model.CommandSpec spec;

        @Override
        public void run() {
            TelegramWebhook.Status info = parent.webhook().info();
            PrintWriter out = spec.commandLine().getOut();
            out.println("url: " + (info.url().isEmpty() ? "(none: long polling)" : info.url()));
            out.println("pending updates: " + info.pendingUpdates());
            if (info.maxConnections() != null) {
                out.println("max connections: " + info.maxConnections());
            }
            if (info.lastError() != null) {
                out.println("last error: " + info.lastError() + (info.lastErrorAt() == null ? "" : " at " + info.lastErrorAt()));
            }
        }
    }
}
