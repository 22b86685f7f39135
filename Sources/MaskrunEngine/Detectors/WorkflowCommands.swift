/// Values a build declares secret to its CI runner with a workflow command printed on stdout:
/// GitHub Actions' `::add-mask::v`, Azure Pipelines' `##vso[task.setsecret]v` and
/// `##vso[task.setvariable variable=x;issecret=true]v`. The runner hides them in its own log,
/// but maskrun's output, recordings and other runners would show them. The value is whatever
/// follows, whatever its shape: the build said it is a secret. Once masked it is a learned
/// value, so its later bare occurrences are masked too. Also `::set-output name=x::v` when
/// the output's name holds a secret word.
extension BuiltinDetectors {
    static let workflowCommandSecret = Detector(
        id: "ci-workflow-command-secret",
        description: "A value a build declares secret to its CI runner: ::add-mask::v (GitHub Actions), ##vso[task.setsecret]v and issecret=true (Azure Pipelines), ::set-output of a secret-bearing name",
        pattern: #"(?|::add-mask::|##vso\[task\.setsecret\]|##vso\[task\.setvariable [^\]\r\n]{0,200}?;issecret=true[^\]\r\n]{0,200}+\]|::set-output name=([A-Za-z0-9_.-]{1,100}+)::)"#
            + Detector.valueStartMark + #"([^\r\n]++)\r?(?=\n|$)"#,
        group: 2,
        prefilter: Prefilter(keywords: ["::add-mask::", "##vso[task.setsecret]", "##vso[task.setvariable ", "::set-output name="]),
        matchValidator: { match, value, mayGrow in
            // `::set-output`: only an output whose name holds a secret word, judged as `secret-field` judges it.
            guard match.starts(with: "::set-output name=".utf8) else { return true }
            return SecretNames.valueFitsName(match.dropFirst("::set-output name=".utf8.count), value, mayGrow)
        },
        marksValueStart: true,
        examples: [
            "::add-mask::«Wq4zRt8nYp2x»\n", "echo ::add-mask::«hunter2»\n", "::add-mask::«correct horse battery»\r\n",
            "##vso[task.setsecret]«Hx7Rm2Lq9Wz4»\n", "##vso[task.setvariable variable=dbPass;issecret=true]«Kp4Xz9Lq2Wm7»\n",
            "::set-output name=deploy_token::«Lw3Qx8Kz5Rm2Tn9V»\n",
        ],
        counterexamples: [
            "::set-output name=version::1.4.2\n", "##vso[task.setvariable variable=region]eu-west-1\n",
            "::add-mask::\n", "::group::Build\n",
        ])
}
