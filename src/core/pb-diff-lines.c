/* SPDX-License-Identifier: GPL-3.0-or-later */
/* A line diff of two texts: the common lines at both ends set aside, then Myers' O(ND)
 * algorithm ("An O(ND) Difference Algorithm and Its Variations", 1986) on the rest, with a
 * bound on D: beyond it, the middle shows as all removed, then all added. Memory is O(D²) for
 * the bound's D, time O((N + M) · D). */
#define G_LOG_DOMAIN "pb-diff"

#include "config.h"

#include <string.h>

#include "pb-diff.h"
#include "pb-json.h"

/* The most lines that may differ (removed plus added) for a line-by-line answer: 2,000 keeps
 * the trace of the search under 16 MB. */
#define MAX_EDITS 2000

void
pb_diff_line_free (PbDiffLine *line)
{
  if (line == NULL)
    return;

  g_free (line->text);
  g_free (line);
}

/* The text pretty-printed when it is a JSON object or array (a body with ${placeholders} as
 * values too), else NULL. */
static char *
pretty_json (const char *text)
{
  const char *p = text;

  while (*p == ' ' || *p == '\t' || *p == '\n' || *p == '\r')
    p++;
  if (*p != '{' && *p != '[')
    return NULL;

  return pb_json_text_pretty (text);
}

/* The lines of `text` without their line breaks ("\n" or "\r\n"); no last empty line after a
 * final line break. Points into `text`, which it changes. */
static GPtrArray *
split_lines (char *text)
{
  GPtrArray *lines = g_ptr_array_new ();
  char *p = text;

  while (*p != '\0')
    {
      char *end = strchr (p, '\n');

      if (end == NULL)
        {
          g_ptr_array_add (lines, p);
          break;
        }
      *end = '\0';
      if (end > p && end[-1] == '\r')
        end[-1] = '\0';
      g_ptr_array_add (lines, p);
      p = end + 1;
    }

  return lines;
}

/* A number for each line, the same for the same text. */
static guint *
number_lines (GPtrArray  *lines,
              GHashTable *numbers)
{
  guint *ids = g_new (guint, lines->len + 1);

  for (guint i = 0; i < lines->len; i++)
    {
      gpointer id;

      if (!g_hash_table_lookup_extended (numbers, lines->pdata[i], NULL, &id))
        {
          id = GUINT_TO_POINTER (g_hash_table_size (numbers));
          g_hash_table_insert (numbers, lines->pdata[i], id);
        }
      ids[i] = GPOINTER_TO_UINT (id);
    }

  return ids;
}

static void
add_line (GPtrArray      *out,
          PbDiffLineKind  kind,
          const char     *text)
{
  PbDiffLine *line = g_new0 (PbDiffLine, 1);

  line->kind = kind;
  line->text = g_strdup (text);
  g_ptr_array_add (out, line);
}

/* The edit script of a[0..n) → b[0..m) as kinds, in order, into `script`; FALSE when it needs
 * more than MAX_EDITS edits. */
static gboolean
myers (const guint *a,
       guint        n,
       const guint *b,
       guint        m,
       GArray      *script)
{
  gint limit = (gint) MIN ((gsize) n + m, MAX_EDITS);
  gint offset = limit + 1;
  g_autofree gint *v = g_new0 (gint, 2 * (gsize) limit + 3);
  /* trace[d]: v for k in [-(d-1), d-1] before step d (2d - 1 values). */
  g_autoptr(GPtrArray) trace = g_ptr_array_new_with_free_func (g_free);
  PbDiffLineKind same = PB_DIFF_LINE_SAME;
  gint found = -1;
  gint x, y;

  for (gint d = 0; d <= limit && found < 0; d++)
    {
      g_ptr_array_add (trace, d == 0 ? NULL : g_memdup2 (v + offset - (d - 1),
                                                         sizeof (gint) * (2 * d - 1)));
      for (gint k = -d; k <= d; k += 2)
        {
          if (k == -d || (k != d && v[offset + k - 1] < v[offset + k + 1]))
            x = v[offset + k + 1];
          else
            x = v[offset + k - 1] + 1;
          y = x - k;
          while (x < (gint) n && y < (gint) m && a[x] == b[y])
            x++, y++;
          v[offset + k] = x;
          if (x >= (gint) n && y >= (gint) m)
            {
              found = d;
              break;
            }
        }
    }

  if (found < 0)
    return FALSE;

  /* Back from the end, one edit per step; the script comes out reversed. */
  x = n;
  y = m;
  for (gint d = found; d > 0; d--)
    {
      const gint *prev = g_ptr_array_index (trace, d);
      gint k = x - y;
      gint prev_k, prev_x, prev_y;
      PbDiffLineKind kind;

      /* prev[j] is v[j - (d - 1)]. */
#define PREV(kk) prev[(kk) + (d - 1)]
      if (k == -d || (k != d && PREV (k - 1) < PREV (k + 1)))
        prev_k = k + 1, kind = PB_DIFF_LINE_ADDED;
      else
        prev_k = k - 1, kind = PB_DIFF_LINE_REMOVED;
      prev_x = PREV (prev_k);
#undef PREV
      prev_y = prev_x - prev_k;

      for (; x > prev_x && y > prev_y; x--, y--)
        g_array_append_val (script, same);
      g_array_append_val (script, kind);
      x = prev_x;
      y = prev_y;
    }
  for (; x > 0; x--)
    g_array_append_val (script, same);

  /* In order. */
  for (guint i = 0; i < script->len / 2; i++)
    {
      PbDiffLineKind tmp = g_array_index (script, PbDiffLineKind, i);

      g_array_index (script, PbDiffLineKind, i) =
        g_array_index (script, PbDiffLineKind, script->len - 1 - i);
      g_array_index (script, PbDiffLineKind, script->len - 1 - i) = tmp;
    }

  return TRUE;
}

GPtrArray *
pb_diff_lines (const char *old_text,
               const char *new_text)
{
  g_autofree char *old_copy = NULL;
  g_autofree char *new_copy = NULL;
  g_autofree char *old_pretty = pretty_json (old_text != NULL ? old_text : "");
  g_autofree char *new_pretty = pretty_json (new_text != NULL ? new_text : "");
  g_autoptr(GPtrArray) old_lines = NULL;
  g_autoptr(GPtrArray) new_lines = NULL;
  g_autoptr(GHashTable) numbers = g_hash_table_new (g_str_hash, g_str_equal);
  g_autoptr(GArray) script = g_array_new (FALSE, FALSE, sizeof (PbDiffLineKind));
  g_autofree guint *a = NULL;
  g_autofree guint *b = NULL;
  GPtrArray *out = g_ptr_array_new_with_free_func ((GDestroyNotify) pb_diff_line_free);
  guint n, m, start = 0, end = 0;

  old_text = old_text != NULL ? old_text : "";
  new_text = new_text != NULL ? new_text : "";

  /* JSON compared pretty-printed when each side that is not empty is JSON. */
  if ((old_pretty != NULL || *old_text == '\0') && (new_pretty != NULL || *new_text == '\0')
      && (old_pretty != NULL || new_pretty != NULL))
    {
      old_copy = g_strdup (old_pretty != NULL ? old_pretty : old_text);
      new_copy = g_strdup (new_pretty != NULL ? new_pretty : new_text);
    }
  else
    {
      old_copy = g_strdup (old_text);
      new_copy = g_strdup (new_text);
    }

  old_lines = split_lines (old_copy);
  new_lines = split_lines (new_copy);
  n = old_lines->len;
  m = new_lines->len;
  a = number_lines (old_lines, numbers);
  b = number_lines (new_lines, numbers);

  while (start < n && start < m && a[start] == b[start])
    start++;
  while (end < n - start && end < m - start && a[n - 1 - end] == b[m - 1 - end])
    end++;

  for (guint i = 0; i < start; i++)
    add_line (out, PB_DIFF_LINE_SAME, old_lines->pdata[i]);

  if (myers (a + start, n - start - end, b + start, m - start - end, script))
    {
      guint i = start, j = start;

      for (guint s = 0; s < script->len; s++)
        switch (g_array_index (script, PbDiffLineKind, s))
          {
          case PB_DIFF_LINE_SAME:
            add_line (out, PB_DIFF_LINE_SAME, old_lines->pdata[i++]);
            j++;
            break;
          case PB_DIFF_LINE_REMOVED:
            add_line (out, PB_DIFF_LINE_REMOVED, old_lines->pdata[i++]);
            break;
          case PB_DIFF_LINE_ADDED:
          default:
            add_line (out, PB_DIFF_LINE_ADDED, new_lines->pdata[j++]);
            break;
          }
    }
  else
    {
      /* Too different for a line-by-line answer. */
      for (guint i = start; i < n - end; i++)
        add_line (out, PB_DIFF_LINE_REMOVED, old_lines->pdata[i]);
      for (guint j = start; j < m - end; j++)
        add_line (out, PB_DIFF_LINE_ADDED, new_lines->pdata[j]);
    }

  for (guint i = n - end; i < n; i++)
    add_line (out, PB_DIFF_LINE_SAME, old_lines->pdata[i]);

  return out;
}
