namespace Mpyd.Compiler.Binding;

/// <summary>Name resolution steps shared by the scope pass: recording uses, closing over, slot assignment (codegen spec 4.3-4.5).</summary>
internal static class ScopeAnalysis
{
    public static IdInfo RecordLoad(Scope scope, string name) => scope.FindOrAdd(name, IdKind.GlobalImplicit);

    public static IdInfo RecordStore(Scope scope, string name)
    {
        var id = scope.FindOrAdd(name, IdKind.GlobalImplicit);
        if (id.Kind == IdKind.GlobalImplicit)
        {
            id.Kind = scope.IsFunctionLike ? IdKind.Local : IdKind.GlobalImplicitAssigned;
        }
        return id;
    }

    /// <summary>The close-over check of spec 4.4 for <paramref name="id"/> of <paramref name="scope"/>.</summary>
    public static void CheckToCloseOver(Scope scope, IdInfo id)
    {
        for (var s = scope.Parent; s is not null && s.Parent is not null; s = s.Parent)
        {
            var outer = s.Find(id.Name);
            if (outer is null)
            {
                continue;
            }
            if (outer.Kind is IdKind.Local or IdKind.Cell or IdKind.Free)
            {
                id.Kind = IdKind.Free;
                CloseOverInParents(scope, id.Name);
            }
            return;
        }
    }

    private static void CloseOverInParents(Scope scope, string name)
    {
        for (var s = scope.Parent; s is not null; s = s.Parent)
        {
            var id = s.FindOrAdd(name, IdKind.Free, out bool added);
            if (added)
            {
                continue;
            }
            if (id.Kind == IdKind.Local)
            {
                id.Kind = IdKind.Cell;
            }
            return;
        }
    }

    /// <summary>Slot assignment after all scope passes (spec 4.5).</summary>
    public static void ComputeSlots(Scope scope)
    {
        if ((scope.Flags & Scope.FlagVarArgs) != 0)
        {
            int starIdx = -1, lastKw = -1;
            for (int i = scope.Ids.Count - 1; i >= 0; i--)
            {
                var f = scope.Ids[i].Flags;
                if ((f & IdFlags.StarParam) != 0)
                {
                    starIdx = i;
                    break;
                }
                if (lastKw < 0 && f == IdFlags.Param)
                {
                    lastKw = i;
                }
            }
            if (starIdx >= 0 && lastKw >= 0)
            {
                (scope.Ids[starIdx], scope.Ids[lastKw]) = (scope.Ids[lastKw], scope.Ids[starIdx]);
            }
        }

        int numLocals = 0;
        foreach (var id in scope.Ids)
        {
            if (scope.Kind == ScopeKind.Class && id.Name == "__class__")
            {
                continue;
            }
            if (scope.IsFunctionLike && id.Kind == IdKind.GlobalImplicit)
            {
                id.Kind = IdKind.GlobalExplicit;
            }
            if (id.Kind == IdKind.Local || (id.Flags & IdFlags.Param) != 0)
            {
                id.LocalNum = numLocals++;
            }
        }
        foreach (var id in scope.Ids)
        {
            if (id.Kind == IdKind.Cell && (id.Flags & IdFlags.Param) == 0)
            {
                id.LocalNum = numLocals++;
            }
        }

        int numFree = 0;
        if (scope.Parent is not null)
        {
            foreach (var pid in scope.Parent.Ids)
            {
                if (pid.Kind is not (IdKind.Cell or IdKind.Free))
                {
                    continue;
                }
                foreach (var id in scope.Ids)
                {
                    if (id.Kind == IdKind.Free && id.Name == pid.Name)
                    {
                        id.LocalNum = numFree++;
                    }
                }
            }
        }
        if (numFree > 0)
        {
            foreach (var id in scope.Ids)
            {
                if (id.Kind != IdKind.Free || (id.Flags & IdFlags.Param) != 0)
                {
                    id.LocalNum += numFree;
                }
            }
            scope.NumPosArgs += numFree;
            numLocals += numFree;
        }
        scope.NumLocals = numLocals;
    }
}
