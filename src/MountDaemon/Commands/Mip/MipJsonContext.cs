using System.Text.Json.Serialization;

namespace Mpyd.MountDaemon.Commands.Mip;

/// <summary>Source-generated (de)serialization for mip manifests: no reflection at run time.</summary>
[JsonSourceGenerationOptions(AllowTrailingCommas = true, ReadCommentHandling = System.Text.Json.JsonCommentHandling.Skip)]
[JsonSerializable(typeof(MipPackageJson))]
internal sealed partial class MipJsonContext : JsonSerializerContext;
