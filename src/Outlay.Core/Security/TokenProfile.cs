namespace Outlay.Core.Security;

/// <summary>Statistics of one candidate token that <see cref="HighEntropyRule"/> decides on.</summary>
/// <param name="Entropy">Shannon entropy in bits per character.</param>
/// <param name="SwitchRate">Share of adjacent letter/digit pairs that switch between upper case, lower case and digit.</param>
/// <param name="LongestUnbroken">Longest run of letters and digits without a separator.</param>
/// <param name="LongestUnbrokenIsHex">Whether that longest run is only hex digits (an embedded hash or UUID).</param>
/// <param name="Upper">Upper-case letters.</param>
/// <param name="Lower">Lower-case letters.</param>
/// <param name="Digits">Digits.</param>
/// <param name="IsHex">Whether every letter is a hex digit of a single case.</param>
/// <param name="Vowels">Letters that are vowels: about 40% in words, about 19% in random letters.</param>
internal readonly record struct TokenProfile(
    double Entropy,
    double SwitchRate,
    int LongestUnbroken,
    bool LongestUnbrokenIsHex,
    int Upper,
    int Lower,
    int Digits,
    bool IsHex,
    int Vowels)
{
    /// <summary>How many of upper case, lower case and digits occur.</summary>
    public int ClassCount => (Upper > 0 ? 1 : 0) + (Lower > 0 ? 1 : 0) + (Digits > 0 ? 1 : 0);

    /// <summary>Share of letters that are vowels.</summary>
    public double VowelRate => Upper + Lower == 0 ? 0 : (double)Vowels / (Upper + Lower);

    /// <summary>Letters and digits.</summary>
    public int Alphanumerics => Upper + Lower + Digits;

    public static TokenProfile Of(ReadOnlySpan<char> token)
    {
        Span<int> counts = stackalloc int[128];
        counts.Clear();
        int upper = 0, lower = 0, digits = 0, hexLetters = 0, vowels = 0, pairs = 0, switches = 0;
        int unbroken = 0, longest = 0;
        bool unbrokenIsHex = true, longestIsHex = false, upperHex = false, lowerHex = false;
        var previousClass = CharacterClass.Separator;

        foreach (var c in token)
        {
            counts[c & 0x7F]++;
            var characterClass = Classify(c);
            var isHexDigit = char.IsAsciiHexDigit(c);
            switch (characterClass)
            {
                case CharacterClass.Upper:
                    upper++;
                    upperHex |= isHexDigit;
                    break;
                case CharacterClass.Lower:
                    lower++;
                    lowerHex |= isHexDigit;
                    break;
                case CharacterClass.Digit:
                    digits++;
                    break;
            }

            vowels += (c | 0x20) is 'a' or 'e' or 'i' or 'o' or 'u' ? 1 : 0;
            hexLetters += isHexDigit && characterClass != CharacterClass.Digit ? 1 : 0;
            if (characterClass == CharacterClass.Separator)
            {
                unbroken = 0;
                unbrokenIsHex = true;
            }
            else
            {
                unbroken++;
                unbrokenIsHex &= isHexDigit;
                if (unbroken > longest)
                {
                    longest = unbroken;
                    longestIsHex = unbrokenIsHex;
                }

                if (previousClass != CharacterClass.Separator)
                {
                    pairs++;
                    switches += previousClass == characterClass ? 0 : 1;
                }
            }

            previousClass = characterClass;
        }

        var letters = upper + lower;
        return new TokenProfile(
            ShannonEntropy(counts, token.Length),
            pairs == 0 ? 0 : (double)switches / pairs,
            longest,
            longestIsHex,
            upper,
            lower,
            digits,
            IsHex: hexLetters == letters && !(upperHex && lowerHex),
            vowels);
    }

    private static CharacterClass Classify(char c) => c switch
    {
        >= 'A' and <= 'Z' => CharacterClass.Upper,
        >= 'a' and <= 'z' => CharacterClass.Lower,
        >= '0' and <= '9' => CharacterClass.Digit,
        _ => CharacterClass.Separator,
    };

    /// <summary>Bits per character of the token's character distribution.</summary>
    private static double ShannonEntropy(ReadOnlySpan<int> counts, int length)
    {
        var entropy = 0.0;
        foreach (var count in counts)
        {
            if (count > 0)
            {
                var p = (double)count / length;
                entropy -= p * Math.Log2(p);
            }
        }

        return entropy;
    }

    private enum CharacterClass
    {
        Separator,
        Upper,
        Lower,
        Digit,
    }
}
