using Mpyd.Compiler.Lexing;

namespace Mpyd.Compiler.Parsing;

/// <summary>
/// For each rule, the tokens it can start with, where that is enough to know the rule fails cleanly (returns
/// false having consumed nothing). The parser skips such a rule without entering it: a statement otherwise
/// tries every compound-statement form and every small-statement form before the one that matches.
/// </summary>
internal static class StartSets
{
    private const int TokenSlots = 128;

    // A rule is guarded when its failure on a token outside its start set is certain and silent. A rule that
    // starts with an optional or unguarded part is not: it may consume input or raise before it fails.
    private static readonly bool[] Guarded = new bool[Grammar.Rules.Length];

    private static readonly bool[] Starts = Build();

    /// <summary>True when <paramref name="rule"/> certainly fails at <paramref name="token"/> without consuming input.</summary>
    public static bool FailsAt(RuleId rule, TokenKind token) =>
        Guarded[(int)rule] && !Starts[((int)rule * TokenSlots) + (int)token];

    private static bool[] Build()
    {
        var starts = new bool[Grammar.Rules.Length * TokenSlots];
        var state = new byte[Grammar.Rules.Length]; // 0 new, 1 in progress, 2 done
        for (int r = 0; r < Grammar.Rules.Length; r++)
        {
            Visit(r, starts, state);
        }
        return starts;
    }

    private static void Visit(int r, bool[] starts, byte[] state)
    {
        if (state[r] != 0)
        {
            // A rule reached again through its own first part stays unguarded (the grammar has no such cycle).
            return;
        }
        state[r] = 1;
        var rule = Grammar.Rules[r];
        bool guarded;
        if (rule is null || rule.Form == RuleForm.Special || rule.Parts.Length == 0)
        {
            guarded = false;
        }
        else if (rule.Form == RuleForm.Alt)
        {
            guarded = true;
            foreach (var p in rule.Parts)
            {
                guarded &= AddPart(r, p, starts, state);
            }
        }
        else
        {
            // Sequences, lists and repetitions all fail cleanly only through their first part.
            var first = rule.Parts[0];
            guarded = !first.Optional && AddPart(r, first, starts, state);
        }
        Guarded[r] = guarded;
        state[r] = 2;
    }

    private static bool AddPart(int r, Part p, bool[] starts, byte[] state)
    {
        if (p.IsToken)
        {
            starts[(r * TokenSlots) + (int)p.Token] = true;
            return true;
        }
        int sub = (int)p.Rule;
        Visit(sub, starts, state);
        if (state[sub] != 2)
        {
            return false;
        }
        for (int t = 0; t < TokenSlots; t++)
        {
            starts[(r * TokenSlots) + t] |= starts[(sub * TokenSlots) + t];
        }
        return Guarded[sub];
    }
}
