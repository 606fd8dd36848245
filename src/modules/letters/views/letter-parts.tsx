/** The letter's text as the PDF has it: paragraphs on blank lines, line breaks kept. */
export function LetterBody({ body, label }: { body: string; label: string }) {
  return (
    <article class="almen-letter" aria-label={label}>
      {body.split(/\n\s*\n/).map((paragraph, i) => (
        <p key={i}>
          {paragraph.split("\n").map((line, j) => (
            <>
              {j > 0 ? <br /> : null}
              {line}
            </>
          ))}
        </p>
      ))}
    </article>
  );
}
