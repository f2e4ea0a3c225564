/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "pb-json-text"

#include "config.h"

#include <string.h>

#include "pb-json-text.h"

/* Deeper documents are shown as they are: neither the parser nor a person gains anything. */
#define MAX_DEPTH 256

typedef enum
{
  TOKEN_PUNCT,       /* one of { } [ ] , : */
  TOKEN_STRING,      /* "…" with its quotes and escapes, as written */
  TOKEN_PLACEHOLDER, /* ${name} where a value belongs */
  TOKEN_LITERAL,     /* numbers, true, false, null (or garbage the parser will reject) */
} TokenKind;

typedef struct
{
  TokenKind   kind;
  const char *start;
  gsize       len;
} Token;

static gboolean
is_name_char (char c)
{
  return (guchar) c > 0x20 && c != 0x7f && !strchr ("{}\"\\$", c);
}

/* Length of the placeholder at `p` ("${name}"), or 0 when there is none. */
static gsize
placeholder_length (const char *p)
{
  const char *q;

  if (p[0] != '$' || p[1] != '{')
    return 0;

  for (q = p + 2; is_name_char (*q); q++)
    ;

  if (*q != '}' || q == p + 2)
    return 0;

  return q + 1 - p;
}

GArray *
pb_json_text_find_placeholders (const char *text)
{
  GArray *spans = g_array_new (FALSE, FALSE, sizeof (PbTextSpan));
  const char *p;

  if (text == NULL)
    return spans;

  for (p = text; *p != '\0';)
    {
      gsize len = placeholder_length (p);

      if (len > 0)
        {
          PbTextSpan span = { p - text, p - text + len };

          g_array_append_val (spans, span);
          p += len;
        }
      else
        p++;
    }

  return spans;
}

static gboolean
is_space (char c)
{
  return c == ' ' || c == '\t' || c == '\n' || c == '\r';
}

static gboolean
is_digit (char c)
{
  return c >= '0' && c <= '9';
}

/* Whether a literal is true, false, null or a number as RFC 8259 writes it: the parser alone
 * is more lenient (it takes 'single quotes', hex numbers, comments). */
static gboolean
is_json_literal (const char *p,
                 gsize       len)
{
  const char *end = p + len;

  if ((len == 4 && memcmp (p, "true", 4) == 0)
      || (len == 5 && memcmp (p, "false", 5) == 0)
      || (len == 4 && memcmp (p, "null", 4) == 0))
    return TRUE;

  if (p < end && *p == '-')
    p++;
  if (p < end && *p == '0')
    p++;
  else if (p < end && is_digit (*p))
    while (p < end && is_digit (*p))
      p++;
  else
    return FALSE;

  if (p < end && *p == '.')
    {
      p++;
      if (p == end || !is_digit (*p))
        return FALSE;
      while (p < end && is_digit (*p))
        p++;
    }

  if (p < end && (*p == 'e' || *p == 'E'))
    {
      p++;
      if (p < end && (*p == '+' || *p == '-'))
        p++;
      if (p == end || !is_digit (*p))
        return FALSE;
      while (p < end && is_digit (*p))
        p++;
    }

  return p == end;
}

/* Length of the JSON string at `p` (with its quotes), or 0 when it is not a valid one: no
 * control characters, only the escapes RFC 8259 knows. */
static gsize
string_length (const char *p)
{
  const char *q = p + 1;

  while (*q != '"')
    {
      if (*q == '\0' || (guchar) *q < 0x20)
        return 0;

      if (*q == '\\')
        {
          q++;
          if (*q == 'u')
            {
              for (int i = 1; i <= 4; i++)
                if (!g_ascii_isxdigit (q[i]))
                  return 0;
              q += 4;
            }
          else if (*q == '\0' || strchr ("\"\\/bfnrt", *q) == NULL)
            return 0;
        }
      q++;
    }

  return q + 1 - p;
}

/* Splits `text` into tokens. FALSE when it cannot be JSON (an unterminated string, nesting
 * too deep). */
static gboolean
tokenize (const char *text,
          GArray     *tokens)
{
  const char *p = text;
  int depth = 0;

  while (*p != '\0')
    {
      Token token = { TOKEN_LITERAL, p, 0 };

      if (is_space (*p))
        {
          p++;
          continue;
        }

      if (strchr ("{}[],:", *p))
        {
          token.kind = TOKEN_PUNCT;
          token.len = 1;
          if (*p == '{' || *p == '[')
            {
              if (++depth > MAX_DEPTH)
                return FALSE;
            }
          else if (*p == '}' || *p == ']')
            depth--;
        }
      else if (*p == '"')
        {
          gsize len = string_length (p);

          if (len == 0)
            return FALSE;
          token.kind = TOKEN_STRING;
          token.len = len;
        }
      else if ((token.len = placeholder_length (p)) > 0)
        token.kind = TOKEN_PLACEHOLDER;
      else
        {
          const char *q = p + 1;

          while (*q != '\0' && !is_space (*q) && !strchr ("{}[],:\"", *q)
                 && placeholder_length (q) == 0)
            q++;
          token.len = q - p;
          if (!is_json_literal (p, token.len))
            return FALSE;
        }

      g_array_append_val (tokens, token);
      p += token.len;
    }

  return tokens->len > 0;
}

typedef enum
{
  EXPECT_VALUE,
  EXPECT_VALUE_OR_CLOSE,
  EXPECT_KEY,
  EXPECT_KEY_OR_CLOSE,
  EXPECT_COLON,
  EXPECT_COMMA_OR_CLOSE,
  EXPECT_END,
} Expect;

/* Whether the tokens form exactly one JSON value, with placeholders standing for values.
 * (json-glib is more lenient: it takes "x"{"a":1}, for one.) */
static gboolean
tokens_are_json (GArray *tokens)
{
  char open[MAX_DEPTH];
  int depth = 0;
  Expect expect = EXPECT_VALUE;

  /* A lone placeholder is a template, not JSON. */
  if (tokens->len == 1 && g_array_index (tokens, Token, 0).kind == TOKEN_PLACEHOLDER)
    return FALSE;

  for (guint i = 0; i < tokens->len; i++)
    {
      const Token *token = &g_array_index (tokens, Token, i);
      char c = token->kind == TOKEN_PUNCT ? token->start[0] : '\0';
      gboolean value_done = FALSE;

      switch (expect)
        {
        case EXPECT_VALUE:
        case EXPECT_VALUE_OR_CLOSE:
          if (expect == EXPECT_VALUE_OR_CLOSE && c == ']')
            {
              depth--;
              value_done = TRUE;
            }
          else if (c == '{' || c == '[')
            {
              if (depth == MAX_DEPTH)
                return FALSE;
              open[depth++] = c;
              expect = c == '{' ? EXPECT_KEY_OR_CLOSE : EXPECT_VALUE_OR_CLOSE;
            }
          else if (token->kind != TOKEN_PUNCT)
            value_done = TRUE;
          else
            return FALSE;
          break;

        case EXPECT_KEY:
        case EXPECT_KEY_OR_CLOSE:
          if (expect == EXPECT_KEY_OR_CLOSE && c == '}')
            {
              depth--;
              value_done = TRUE;
            }
          else if (token->kind == TOKEN_STRING)
            expect = EXPECT_COLON;
          else
            return FALSE;
          break;

        case EXPECT_COLON:
          if (c != ':')
            return FALSE;
          expect = EXPECT_VALUE;
          break;

        case EXPECT_COMMA_OR_CLOSE:
          if (c == ',')
            expect = open[depth - 1] == '{' ? EXPECT_KEY : EXPECT_VALUE;
          else if ((c == '}' && open[depth - 1] == '{') || (c == ']' && open[depth - 1] == '['))
            {
              depth--;
              value_done = TRUE;
            }
          else
            return FALSE;
          break;

        case EXPECT_END:
        default:
          return FALSE;
        }

      if (value_done)
        expect = depth == 0 ? EXPECT_END : EXPECT_COMMA_OR_CLOSE;
    }

  return expect == EXPECT_END;
}

static void
newline (GString *out,
         int      depth)
{
  g_string_append_c (out, '\n');
  for (int i = 0; i < depth; i++)
    g_string_append (out, "  ");
}

char *
pb_json_text_pretty (const char *text)
{
  g_autoptr(GArray) tokens = NULL;
  g_autoptr(GString) out = NULL;
  int depth = 0;

  if (text == NULL || !g_utf8_validate (text, -1, NULL))
    return NULL;

  tokens = g_array_new (FALSE, FALSE, sizeof (Token));
  if (!tokenize (text, tokens) || !tokens_are_json (tokens))
    return NULL;

  out = g_string_new (NULL);
  for (guint i = 0; i < tokens->len; i++)
    {
      const Token *token = &g_array_index (tokens, Token, i);

      if (token->kind != TOKEN_PUNCT)
        {
          g_string_append_len (out, token->start, token->len);
          continue;
        }

      switch (token->start[0])
        {
        case '{':
        case '[':
          {
            const Token *next = i + 1 < tokens->len ? &g_array_index (tokens, Token, i + 1) : NULL;

            g_string_append_c (out, token->start[0]);
            if (next != NULL && next->kind == TOKEN_PUNCT
                && next->start[0] == (token->start[0] == '{' ? '}' : ']'))
              {
                g_string_append_c (out, next->start[0]);
                i++;
              }
            else
              newline (out, ++depth);
          }
          break;

        case '}':
        case ']':
          newline (out, --depth);
          g_string_append_c (out, token->start[0]);
          break;

        case ',':
          g_string_append_c (out, ',');
          newline (out, depth);
          break;

        case ':':
          g_string_append (out, ": ");
          break;

        default:
          g_assert_not_reached ();
        }
    }

  return g_string_free (g_steal_pointer (&out), FALSE);
}

gboolean
pb_json_text_too_deep (const char *data,
                       gsize       length,
                       guint       max_depth)
{
  gboolean in_string = FALSE;
  guint depth = 0;

  for (gsize i = 0; i < length; i++)
    {
      char c = data[i];

      if (in_string)
        {
          if (c == '\\')
            i++;
          else if (c == '"')
            in_string = FALSE;
        }
      else if (c == '"')
        in_string = TRUE;
      else if (c == '[' || c == '{')
        {
          if (++depth > max_depth)
            return TRUE;
        }
      else if ((c == ']' || c == '}') && depth > 0)
        depth--;
    }

  return FALSE;
}
