package io.driftgate.contract;

import com.fasterxml.jackson.core.JacksonException;
import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.StreamReadFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.MissingNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import java.io.IOException;
import java.io.Reader;
import java.io.StringReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.yaml.snakeyaml.error.Mark;
import org.yaml.snakeyaml.error.MarkedYAMLException;

/**
 * Reads a YAML data contract (Open Data Contract Standard v3 names plus an {@code x-driftgate}
 * block) into a {@link DataContract}.
 *
 * <p>The YAML is read as a tree and mapped by hand rather than data-bound, so that every problem
 * can be reported with its path and all problems of a file are reported together in one {@link
 * ContractException}. A contract that loads is valid: consumers need not re-check it.
 */
public final class ContractLoader {

  private static final ObjectMapper YAML =
      new YAMLMapper(
          YAMLFactory.builder().enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION).build());

  private ContractLoader() {}

  /**
   * @throws ContractException when the file is not a valid contract; its source is {@code file}
   * @throws UncheckedIOException when the file cannot be read
   */
  public static DataContract load(Path file) {
    try (Reader reader = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
      return load(reader, file.toString());
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read contract " + file, e);
    }
  }

  /**
   * @param source names the contract in error messages, e.g. the file it came from
   * @throws ContractException when the text is not a valid contract
   */
  public static DataContract load(String yaml, String source) {
    try {
      return load(new StringReader(yaml), source);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read contract " + source, e);
    }
  }

  /**
   * @param source names the contract in error messages, e.g. the file it came from
   * @throws ContractException when the text is not a valid contract
   * @throws IOException when the reader fails
   */
  public static DataContract load(Reader yaml, String source) throws IOException {
    JsonNode tree = parse(yaml, source);
    List<ContractProblem> problems = new ArrayList<>();
    DataContract contract = ContractMapper.map(ContractNode.root(tree, problems));
    if (!problems.isEmpty()) {
      throw new ContractException(source, problems);
    }
    return contract;
  }

  private static JsonNode parse(Reader yaml, String source) throws IOException {
    try {
      JsonNode tree = YAML.readTree(yaml);
      return tree == null ? MissingNode.getInstance() : tree;
    } catch (JacksonException e) {
      throw new ContractException(source, List.of(syntaxProblem(e)));
    }
  }

  /**
   * SnakeYAML knows where a syntax error really is (Jackson reports where it stopped reading), so
   * its marks are preferred; Jackson's own errors, such as duplicate keys, carry Jackson's.
   */
  private static ContractProblem syntaxProblem(JacksonException e) {
    if (e.getCause() instanceof MarkedYAMLException yaml && yaml.getProblemMark() != null) {
      String context =
          yaml.getContext() == null || yaml.getContextMark() == null
              ? ""
              : " (" + yaml.getContext() + " started at " + at(yaml.getContextMark()) + ")";
      return syntaxProblem(at(yaml.getProblemMark()), yaml.getProblem() + context);
    }
    JsonLocation location = e.getLocation();
    String where =
        location == null
            ? ""
            : "line " + location.getLineNr() + ", column " + location.getColumnNr();
    return syntaxProblem(where, e.getOriginalMessage());
  }

  private static ContractProblem syntaxProblem(String where, String reason) {
    String oneLine = reason.replaceAll("\\s+", " ").strip();
    return new ContractProblem(
        "", "invalid YAML" + (where.isEmpty() ? "" : " at " + where) + ": " + oneLine);
  }

  private static String at(Mark mark) {
    return "line " + (mark.getLine() + 1) + ", column " + (mark.getColumn() + 1);
  }
}
